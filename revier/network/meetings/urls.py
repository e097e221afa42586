from django.urls import path

from revier.network.meetings import views

# Included in revier/network/urls.py (app namespace "network").
urlpatterns = [
    path("mein-profil/<str:token>/gespraechsboerse/", views.participant_page, name="meetings"),
    path("mein-profil/<str:token>/gespraechsboerse/termine.ics", views.participant_ics, name="meetings-ics"),
    path("mein-profil/<str:token>/gespraechsboerse/absagen/<str:pk>/", views.cancel_page, name="meeting-cancel"),
    # A person registered for several events with a Gesprächsbörse: one page per event.
    path("mein-profil/<str:token>/gespraechsboerse/<slug:event>/", views.participant_page, name="meetings-event"),
    path("mein-profil/<str:token>/gespraechsboerse/<slug:event>/termine.ics", views.participant_ics,
         name="meetings-event-ics"),
    path("gespraechsanfrage/<str:token>/", views.request_page, name="meeting-request"),
    path("verwalten/<slug:slug>/gespraechsboerse/", views.manage_setup, name="meetings-manage"),
    path("verwalten/<slug:slug>/gespraechsboerse/tischplan/", views.manage_table_plan, name="meetings-table-plan"),
    path("verwalten/<slug:slug>/gespraechsboerse/termine/", views.manage_planning, name="meetings-planning"),
    path("verwalten/<slug:slug>/gespraechsboerse/termine/<int:pk>/", views.manage_meeting, name="meetings-meeting"),
    path("verwalten/<slug:slug>/gespraechsboerse/einchecken/", views.manage_check_in, name="meetings-check-in"),
    path("verwalten/<slug:slug>/gespraechsboerse/live/", views.manage_board, name="meetings-board"),
]
