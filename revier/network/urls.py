from django.urls import path

from revier.network import views

app_name = "network"

urlpatterns = [
    path("", views.index, name="index"),
    path("profil-anlegen/", views.profile_create, name="create"),
    path("profil-geloescht/", views.profile_deleted, name="deleted"),
    path("link-anfordern/", views.resend_link, name="resend-link"),
    path("mein-profil/<str:token>/", views.personal_page, name="personal"),
    path("mein-profil/<str:token>/daten/", views.profile_data, name="profile-data"),
    path("mein-profil/<str:token>/daten.json", views.profile_data_json, name="profile-data-json"),
    path("mein-profil/<str:token>/daten/loeschen/", views.profile_erase, name="profile-erase"),
    path("mein-profil/<str:token>/eintrag/<int:pk>/", views.entry_page, name="entry"),
    path("verzeichnis/", views.directory_profiles, name="directory"),
    path("angebote-und-gesuche/", views.directory_entries, name="entries"),
    path("profile/<int:pk>/", views.profile_detail, name="profile"),
]

# The Gesprächsbörse (network/meetings/urls.py).
from revier.network.meetings.urls import urlpatterns as meetings_urlpatterns  # noqa: E402

urlpatterns += meetings_urlpatterns

# The partner suggestions and contact requests (network/suggestions/urls.py).
from revier.network.suggestions.urls import urlpatterns as suggestions_urlpatterns  # noqa: E402

urlpatterns += suggestions_urlpatterns

# The follow-up after a Gesprächsbörse (network/followup/urls.py).
from revier.network.followup.urls import urlpatterns as followup_urlpatterns  # noqa: E402

urlpatterns += followup_urlpatterns
