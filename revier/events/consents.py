"""The optional consents of a registration. The text a person saw and its version are stored with
every consent; change the version whenever you change a text."""

from django.utils.translation import gettext_lazy as _

CONSENTS = {
    "photos": (
        "2026-11",
        _("I agree that photos and video recordings of me made at the event may be published by the organisers "
          "in reports on the event (website, social media, print)."),
    ),
    "participant_list": (
        "2026-11",
        _("I agree that my name, organisation and function appear on the participant list handed to the other "
          "participants."),
    ),
    "partner_data": (
        "2026-11",
        _("I agree that my name, e-mail address and organisation are passed to the co-organisers of the event "
          "named on the event page, so that they can invite me to related events."),
    ),
}


def consent_text(kind: str) -> tuple[str, str]:
    version, text = CONSENTS[kind]
    return version, str(text)
