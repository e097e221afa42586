from django.urls import path

from revier.accounts import views

app_name = "staff-settings"

urlpatterns = [
    path("aufbewahrung/", views.retention_settings, name="retention"),
]
