from django.urls import path

from revier.contingents import views

app_name = "contingents"

urlpatterns = [
    path("", views.contingent_list, name="list"),
    path("link-anfordern/", views.resend_link, name="resend-link"),
    path("antrag/<str:token>/", views.claim_page, name="claim"),
    path("antrag/<str:token>/daten/", views.claim_data, name="claim-data"),
    path("antrag/<str:token>/daten.json", views.claim_data_json, name="claim-data-json"),
    path("antrag/<str:token>/daten/loeschen/", views.claim_erase, name="claim-erase"),
    path("verwalten/", views.manage_list, name="manage-list"),
    path("verwalten/<slug:slug>/", views.manage_claims, name="manage"),
    path("verwalten/<slug:slug>/antraege/<int:pk>/", views.manage_claim_detail, name="manage-claim"),
    path("verwalten/<slug:slug>/export.<str:fmt>", views.manage_export, name="manage-export"),
    path("verwalten/<slug:slug>/partnerliste.<str:fmt>", views.partner_export, name="partner-export"),
    path("verwalten/<slug:slug>/codes/", views.import_codes, name="import-codes"),
    path("verwalten/<slug:slug>/auslosen/", views.draw, name="draw"),
    path("<slug:slug>/", views.contingent_detail, name="detail"),
    path("<slug:slug>/losprotokoll/", views.draw_protocol, name="protocol"),
    path("<slug:slug>/verfuegbar/", views.contingent_availability, name="availability"),
]
