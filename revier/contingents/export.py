"""Claims as spreadsheets: the staff's full list and the partner's list. The writing itself (BOM,
";", formula-injection guard, XLSX) is revier.core.export."""

from django.utils.translation import gettext as _

from revier.contingents.models import Claim, ClaimConsent, Contingent
from revier.core.export import answer_text, local_time, safe_table

CONSENT_KINDS = [ClaimConsent.Kind.PRIVACY, ClaimConsent.Kind.PARTNER]


def _consents(claim: Claim) -> dict:
    """The consents of a claim that hold (not withdrawn), by kind."""
    return {consent.kind: consent for consent in claim.consents.all() if consent.withdrawn_at is None}


def _code(claim: Claim) -> str:
    code = getattr(claim, "ticket_code", None)
    return code.code if code is not None else ""


def claims_table(contingent: Contingent, claims, questions) -> list[list[str]]:
    """Every claim with status, names, e-mail, organisation, one column per question, the consents
    (ja/nein, text version, time), the times (German format, Europe/Berlin) and the code."""
    labels = dict(ClaimConsent.Kind.choices)
    header = [
        _("Status"),
        _("First name"),
        _("Last name"),
        _("E-mail"),
        _("Organisation"),
        *[question.text for question in questions],
    ]
    for kind in CONSENT_KINDS:
        header += [
            _("Consent: %(kind)s") % {"kind": labels[kind]},
            _("Text version: %(kind)s") % {"kind": labels[kind]},
            _("Given at: %(kind)s") % {"kind": labels[kind]},
        ]
    header += [
        _("Claimed"),
        _("E-mail confirmed"),
        _("Ticket handed out"),
        _("Valid until"),
        _("Position in the draw"),
        _("Pseudonym"),
        _("Code"),
    ]

    def row(claim: Claim) -> list:
        consents = _consents(claim)
        values = [
            claim.get_status_display(),
            claim.first_name,
            claim.last_name,
            claim.email,
            claim.organisation,
            *[answer_text(claim.answers, question) for question in questions],
        ]
        for kind in CONSENT_KINDS:
            consent = consents.get(kind)
            values += [
                _("yes") if consent else _("no"),
                consent.text_version if consent else "",
                local_time(consent.given_at) if consent else "",
            ]
        values += [
            local_time(claim.created_at),
            local_time(claim.confirmed_at),
            local_time(claim.allocated_at),
            local_time(claim.hold_until),
            claim.draw_position or "",
            claim.pseudonym,
            _code(claim),
        ]
        return values

    return safe_table(header, (row(claim) for claim in claims))


def partner_table(contingent: Contingent, claims) -> list[list[str]]:
    """What the partner gets: name and organisation of everyone with a ticket (offered ones marked),
    the e-mail address only for people who agreed to pass it on, and the code where there are codes."""
    header = [_("Last name"), _("First name"), _("Organisation"), _("E-mail"), _("Ticket")]
    if contingent.uses_codes:
        header.append(_("Code"))

    def row(claim: Claim) -> list:
        partner_consent = ClaimConsent.Kind.PARTNER in _consents(claim)
        values = [
            claim.last_name,
            claim.first_name,
            claim.organisation,
            claim.email if partner_consent else "",
            _("handed out") if claim.status == Claim.Status.ALLOCATED else _("offered, not yet accepted"),
        ]
        if contingent.uses_codes:
            values.append(_code(claim))
        return values

    return safe_table(header, (row(claim) for claim in claims))
