"""Reads of the contact requests."""

from django.db.models import Q

from revier.core.tokens import personal_link_holder
from revier.network.contact.models import ContactRequest
from revier.network.models import Profile

# What the recipient's page shows of the sender: public fields only.
SENDER_FIELDS = ("id", "first_name", "last_name", "function", "organisation", "kind", "region", "district",
                 "visibility", "status", "hidden_by_staff")


def contact_request_by_token(*, token: str) -> ContactRequest | None:
    """The request a recipient's link opens (not expired), with the sender's public fields only
    (`sender_public`), or None; two queries."""
    if not token or len(token) > 100:
        return None
    found = personal_link_holder(ContactRequest, token)
    if found is None:
        return None
    found.sender_public = Profile.objects.only(*SENDER_FIELDS).filter(pk=found.sender_id).first()
    return found


def contact_requests_between(*, profile: Profile) -> dict[int, str]:
    """For the suggestions page: the status of the profile's open or accepted requests, by the
    other person's id (either direction), in one query."""
    rows = (ContactRequest.objects.filter(status__in=ContactRequest.BLOCKING)
            .filter(Q(pair_low=profile.pk) | Q(pair_high=profile.pk))
            .values_list("pair_low", "pair_high", "status"))
    return {(high if low == profile.pk else low): status for low, high, status in rows}


def contact_requests_of(*, profile: Profile, limit: int = 50) -> tuple[list[ContactRequest], list[ContactRequest]]:
    """The profile's newest sent and received contact requests, each with the other person's public
    fields only (never e-mail or phone), in two queries."""
    fields = ("id", "status", "created_at", "answered_at", "sender_id", "recipient_id")
    sent = list(ContactRequest.objects.filter(sender=profile).select_related("recipient")
                .only(*fields, *(f"recipient__{name}" for name in SENDER_FIELDS)).order_by("-created_at", "-id")[:limit])
    received = list(ContactRequest.objects.filter(recipient=profile).select_related("sender")
                    .only(*fields, *(f"sender__{name}" for name in SENDER_FIELDS)).order_by("-created_at", "-id")[:limit])
    return sent, received
