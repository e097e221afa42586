from django.urls import path

from revier.network.followup import views

# Included in revier/network/urls.py (app namespace "network").
urlpatterns = [
    path("nachbereitung/<str:token>/", views.followup_page, name="followup"),
    path("verwalten/<slug:slug>/gespraechsboerse/auswertung/", views.manage_statistics, name="followup-statistics"),
    path("verwalten/gespraechsboersen/auswertung/", views.manage_statistics_overview, name="followup-overview"),
]
