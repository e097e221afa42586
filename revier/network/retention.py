"""Retention of the network's personal data (issue 12 §3, docs/security.md "Aufbewahrung und
Anonymisierung")."""

from revier.network.models import Profile


def profile_addresses_in_use(addresses: set[str]) -> set[str]:
    """Those of `addresses` a profile still uses (core.retention.outbox_forget keeps their mails);
    registered in the app's ready()."""
    return set(Profile.objects.filter(email_normalized__in=addresses).values_list("email_normalized", flat=True))
