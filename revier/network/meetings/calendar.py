"""iCalendar (.ics) of a participant's planned meetings: time, table and partner (contact data:
both agreed to the meeting)."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent


def meetings_ics(*, event, rows) -> bytes:
    """`rows`: the participant page's MeetingRow list; only placed meetings become entries."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Gesprächsbörse//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Gesprächsbörse – {event.title}")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    domain = settings.SITE_URL.split("//")[-1].split("/")[0].split(":")[0] or "revier.local"
    for row in rows:
        meeting, partner = row.meeting, row.partner
        if meeting.slot is None:
            continue
        component = VEvent()
        component.add("uid", f"meeting-{meeting.pk}@{domain}")
        component.add("dtstamp", timezone.now())
        component.add("dtstart", meeting.slot.starts_at)
        component.add("dtend", meeting.slot.ends_at)
        component.add("summary", f"Gespräch mit {partner.full_name} ({partner.organisation})")
        table = f"Tisch {meeting.table.number}" + (f" ({meeting.table.name})" if meeting.table.name else "")
        contact = "\n".join(part for part in [partner.email, partner.phone] if part)
        component.add("description", f"{table}\n{partner.full_name}, {partner.organisation}\n{contact}")
        component.add("location", ", ".join(part for part in [table, event.address_line] if part))
        calendar.add_component(component)
    return calendar.to_ical()
