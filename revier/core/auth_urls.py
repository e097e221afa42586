"""The staff login's addresses, below `/anmelden/` (revier/urls.py)."""

from django.urls import path

from revier.core import auth

urlpatterns = [
    path("", auth.StaffLoginView.as_view(), name="login"),
]
