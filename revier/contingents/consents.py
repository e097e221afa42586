"""Consent texts of the contingents; the version is stored with every consent. Change the version
whenever you change a text."""

from django.utils.translation import gettext_lazy as _

CONSENTS = {
    "privacy": (
        "2026-11",
        _("I have read the privacy notice. My details are stored to hand out the tickets of this contingent "
          "and deleted six months after the event."),
    ),
    "partner": (
        "2026-11",
        _("I agree that my name and e-mail address are passed to the partner organising the event, for my "
          "admission and the partner's information about the event."),
    ),
}


def consent_text(kind: str) -> tuple[str, str]:
    version, text = CONSENTS[kind]
    return version, str(text)
