from django.urls import path

from revier.network import views

app_name = "network"

urlpatterns = [
    path("", views.index, name="index"),
    path("profile/<int:pk>/", views.profile_detail, name="profile"),
]
