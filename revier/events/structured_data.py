"""schema.org Event for search engines (rendered with core's json_ld tag)."""

from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language

from revier.core.text import shown_field
from revier.events.models import Event

SCHEMA = "https://schema.org/"


def event_json_ld(*, request, event: Event, offers) -> dict:
    """An Event with location (Place with PostalAddress and/or VirtualLocation — the access link
    itself is never published), organisers, one free Offer per ticket category and eventStatus."""
    url = request.build_absolute_uri(event.get_absolute_url())
    locations = []
    if event.venue_name or event.city:
        locations.append({
            "@type": "Place",
            "name": event.venue_name or event.city,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": event.street,
                "postalCode": event.postcode,
                "addressLocality": event.city,
                "addressCountry": "DE",
            },
        })
    if event.online_url:
        # The access link is mailed to registered people only; the event page stands in for it.
        locations.append({"@type": "VirtualLocation", "url": url})
    if locations and event.online_url and len(locations) > 1:
        mode = "MixedEventAttendanceMode"
    elif event.online_url:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    # On /en/ the English title and texts where editors gave them (core.text.shown_field).
    name, name_lang = shown_field(event, "title")
    subtitle, description_html = shown_field(event, "subtitle")[0], shown_field(event, "description_html")[0]
    register_url = request.build_absolute_uri(reverse("events:register", kwargs={"slug": event.slug}))
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": name,
        "description": subtitle or Truncator(strip_tags(description_html).strip()).chars(300) or None,
        "url": url,
        "inLanguage": "de-DE" if name_lang or get_language() == settings.LANGUAGE_CODE else get_language(),
        "startDate": event.starts_at.isoformat(),
        "endDate": event.ends_at.isoformat(),
        "eventStatus": SCHEMA + ("EventCancelled" if event.is_cancelled else "EventScheduled"),
        "eventAttendanceMode": SCHEMA + mode,
        "location": locations[0] if len(locations) == 1 else locations or None,
        "organizer": [
            {"@type": "Organization", "name": organisation.name, **({"url": organisation.url} if organisation.url else {})}
            for organisation in event.organisers.all()
        ],
        "offers": [
            {
                "@type": "Offer",
                "name": offer.category.name,
                "price": "0",
                "priceCurrency": "EUR",
                "availability": SCHEMA + ("SoldOut" if offer.availability.is_full else "InStock"),
                "url": register_url,
                **({"validFrom": event.registration_opens_at.isoformat()} if event.registration_opens_at else {}),
            }
            for offer in offers
        ],
        "keywords": [topic.name for topic in event.topics.all()],
    }
    if event.image:
        data["image"] = [request.build_absolute_uri(event.image.url)]
    return {key: value for key, value in data.items() if value not in (None, [], "")}
