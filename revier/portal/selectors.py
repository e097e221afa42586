"""Reads that compose several apps (the top of the house, CONVENTIONS.md)."""

from dataclasses import dataclass

from django.utils import timezone

from revier.contingents.models import Claim
from revier.contingents.rights import claim_personal_data
from revier.events.models import Registration
from revier.events.rights import registration_personal_data
from revier.network.models import Profile
from revier.network.rights import profile_personal_data


@dataclass(frozen=True)
class AddressData:
    """Everything stored under one e-mail address: the ids per kind (for the audit log) and the
    export (the same each object's own JSON download gives, one list per kind)."""

    registration_ids: list[int]
    claim_ids: list[int]
    profile_ids: list[int]
    export: dict


def personal_data_for_address(*, email: str) -> AddressData:
    """What an access request for `email` is answered with: every registration, claim and profile
    whose address is it (compared without case; anonymised ones name nobody and are left out)."""
    address = (email or "").strip().lower()
    registrations = list(Registration.objects.filter(email_normalized=address, anonymised_at__isnull=True).order_by("id"))
    claims = list(Claim.objects.filter(email_normalized=address, anonymised_at__isnull=True).order_by("id"))
    profiles = list(Profile.objects.filter(email_normalized=address).order_by("id"))
    export = {
        "address": address,
        "exported_at": timezone.now().isoformat(),
        "registrations": [registration_personal_data(registration=r).as_json() for r in registrations],
        "claims": [claim_personal_data(claim=c).as_json() for c in claims],
        "profiles": [profile_personal_data(profile=p).as_json() for p in profiles],
    }
    return AddressData(registration_ids=[r.pk for r in registrations], claim_ids=[c.pk for c in claims],
                       profile_ids=[p.pk for p in profiles], export=export)
