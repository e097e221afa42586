"""The box "Ich möchte an der Gesprächsbörse teilnehmen" in the registration form of an event with
a Gesprächsbörse (registered with events.options in NetworkConfig.ready).

When the person has confirmed their e-mail address, they get a mail with a link to "Profil
anlegen", prefilled from the registration and bound to it (a signed value in the link, no row to
store): a profile made through it is confirmed at once (the address was just proven) and linked to
the registration, which makes the person a participant of the event's Gesprächsbörse. Someone with
a profile already gets it linked and a new personal link instead."""

import datetime

from django.core import signing
from django.utils.translation import gettext_lazy as _

from revier.events.options import RegistrationOption
from revier.network.meetings.models import MeetingSetup

KEY = "gespraechsboerse"
_SALT = "revier.network.registration-invite"
INVITE_MAX_AGE = datetime.timedelta(days=60)


def offered_for(event_id: int) -> bool:
    return MeetingSetup.objects.filter(event_id=event_id, enabled=True).exists()


def invite_value(registration_id: int) -> str:
    return signing.dumps(registration_id, salt=_SALT, compress=True)


def registration_id_from_invite(value: str | None) -> int | None:
    """The registration a link from the invitation names, None for a forged or outdated one."""
    if not value or len(value) > 200:
        return None
    try:
        registration_id = signing.loads(value, salt=_SALT, max_age=INVITE_MAX_AGE)
    except signing.BadSignature:
        return None
    return registration_id if isinstance(registration_id, int) else None


def option(*, confirmed) -> RegistrationOption:
    """The box, calling `confirmed(registration_id)` (network.services.profile_invite_for_registration)."""
    return RegistrationOption(
        key=KEY,
        label=_("I would like to take part in the Gesprächsbörse (one-to-one meetings at the event)"),
        help_text=_(
            "After you have confirmed your registration, we send you a link to create your profile with what you "
            "offer and what you are looking for; your details from this form are filled in."
        ),
        offered_for=offered_for,
        confirmed=confirmed,
    )
