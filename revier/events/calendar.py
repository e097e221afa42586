"""iCalendar (.ics) for events, program items and the feed of all published events."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from revier.core.text import shown_field
from revier.events.models import Event, ProgramItem


def _calendar(name: str) -> Calendar:
    # The PRODID names the product, not the calendar's language: the same in German and English calendars.
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Veranstaltungen//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _uid(kind: str, pk: int) -> str:
    domain = settings.SITE_URL.split("//")[-1].split("/")[0].split(":")[0] or "revier.local"
    return f"{kind}-{pk}@{domain}"


def _event_component(event: Event, *, online: bool = False) -> VEvent:
    component = VEvent()
    component.add("uid", _uid("event", event.pk))
    component.add("dtstamp", timezone.now())
    component.add("dtstart", event.starts_at)
    component.add("dtend", event.ends_at)
    # The English title and subtitle in an English calendar where editors gave them (core.text.shown_field).
    component.add("summary", shown_field(event, "title")[0])
    if event.subtitle:
        component.add("description", shown_field(event, "subtitle")[0])
    if online:  # an online participant's entry: the access, not the venue
        component.add("location", event.online_url or "Online")
    elif event.address_line:
        component.add("location", event.address_line)
    component.add("url", settings.SITE_URL.rstrip("/") + event.get_absolute_url())
    component.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    component.add("last-modified", event.updated_at)
    return component


def event_ics(event: Event, *, online: bool = False) -> bytes:
    """The event as a calendar entry; for an online participant (online) its location is the
    online access instead of the venue."""
    calendar = _calendar(shown_field(event, "title")[0])
    calendar.add_component(_event_component(event, online=online))
    return calendar.to_ical()


def program_item_ics(item: ProgramItem) -> bytes:
    event = item.event
    event_title = shown_field(event, "title")[0]
    calendar = _calendar(event_title)
    component = VEvent()
    component.add("uid", _uid("item", item.pk))
    component.add("dtstamp", timezone.now())
    component.add("dtstart", item.starts_at)
    component.add("dtend", item.ends_at)
    component.add("summary", f"{item.title} – {event_title}")
    description = item.description
    speakers = ", ".join(s.display_name for s in item.speakers.all())
    if speakers:
        description = f"{speakers}\n\n{description}".strip()
    if description:
        component.add("description", description)
    location = ", ".join(p for p in [item.room, event.address_line] if p)
    if location:
        component.add("location", location)
    component.add("url", settings.SITE_URL.rstrip("/") + event.get_absolute_url())
    calendar.add_component(component)
    return calendar.to_ical()


def events_feed_ics(events, *, subtitle: str = "") -> bytes:
    """The subscription; `subtitle` names its selection ("Wasserstoff, Lausitzer Revier") in the
    calendar's name, so that a person with several subscriptions tells them apart. Its name is in the
    address's language (/en/…: English), as the events' titles (shown_field)."""
    name = _("%(site)s – Events") % {"site": settings.SITE_NAME}
    calendar = _calendar(f"{name}: {subtitle}" if subtitle else name)
    for event in events:
        calendar.add_component(_event_component(event))
    return calendar.to_ical()
