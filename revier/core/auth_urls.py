"""The staff login's addresses, below `/anmelden/` (revier/urls.py)."""

from django.urls import path

from revier.core import auth

urlpatterns = [
    path("", auth.StaffLoginView.as_view(), name="login"),
    path("passwort-vergessen/", auth.StaffPasswordResetView.as_view(), name="password_reset"),
    path("passwort-vergessen/gesendet/", auth.StaffPasswordResetDoneView.as_view(), name="password_reset_done"),
    path("neues-passwort/<uidb64>/<token>/", auth.StaffPasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("neues-passwort/fertig/", auth.StaffPasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
