"""The pages for partner sites at /einbetten/ (events/views/embed.py)."""

from django.urls import path

from revier.events.views import embed

app_name = "embed"

urlpatterns = [
    path("", embed.embed_index, name="index"),
    path("veranstaltungen/", embed.embed_event_list, name="event-list"),
    path("veranstaltungen/liste.html", embed.embed_event_list_html, name="event-list-html"),
    path("veranstaltungen/<slug:slug>/plaetze/", embed.embed_seats, name="seats"),
]
