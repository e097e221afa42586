"""The staff login's addresses, below `/anmelden/` (revier/urls.py)."""

from django.urls import path

from revier.core import auth, mfa_views

urlpatterns = [
    path("", auth.StaffLoginView.as_view(), name="login"),
    path("zweiter-faktor/", mfa_views.second_factor, name="second_factor"),
    path("zweiter-faktor/einrichten/", mfa_views.second_factor_setup, name="second_factor_setup"),
    path("passwort-vergessen/", auth.StaffPasswordResetView.as_view(), name="password_reset"),
    path("passwort-vergessen/gesendet/", auth.StaffPasswordResetDoneView.as_view(), name="password_reset_done"),
    path("neues-passwort/<uidb64>/<token>/", auth.StaffPasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("neues-passwort/fertig/", auth.StaffPasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
