from django.urls import path

from revier.events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("vergangene/", views.event_list_past, name="past"),
    path("kalender.ics", views.events_feed_ics, name="feed-ics"),
    path("link-anfordern/", views.resend_link, name="resend-link"),
    path("anmeldung/<str:token>/", views.registration_page, name="registration"),
    path("anmeldung/<str:token>/ticket/", views.ticket_page, name="ticket"),
    path("anmeldung/<str:token>/ticket/qr.svg", views.ticket_qr, name="ticket-qr"),
    path("anmeldung/<str:token>/kalender.ics", views.registration_ics, name="registration-ics"),
    path("anmeldung/<str:token>/daten/", views.registration_data, name="registration-data"),
    path("anmeldung/<str:token>/daten.json", views.registration_data_json, name="registration-data-json"),
    path("anmeldung/<str:token>/daten/loeschen/", views.registration_erase, name="registration-erase"),
    path("referierende/<slug:slug>/", views.speaker_detail, name="speaker"),
    path("verwalten/", views.manage_list, name="manage-list"),
    path("verwalten/<slug:slug>/", views.manage_registrations, name="manage"),
    path("verwalten/<slug:slug>/anmeldungen/<int:pk>/", views.manage_registration_detail, name="manage-registration"),
    path("verwalten/<slug:slug>/export.<str:fmt>", views.manage_export, name="manage-export"),
    path("verwalten/<slug:slug>/nachricht/", views.manage_message, name="manage-message"),
    path("verwalten/<slug:slug>/absagen/", views.manage_cancel_event, name="manage-cancel"),
    path("verwalten/<slug:slug>/einlass/", views.check_in, name="check-in"),
    path("verwalten/<slug:slug>/einlass/zaehler/", views.check_in_count, name="check-in-count"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/anmelden/", views.register, name="register"),
    path("<slug:slug>/kalender.ics", views.event_ics, name="ics"),
    path("<slug:slug>/programm/<int:pk>.ics", views.program_item_ics, name="item-ics"),
]
