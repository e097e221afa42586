""""Meine Daten" (issue 12 §4, docs/security.md "Rechte der Person"): one mail to an address with a
personal link to every object that holds its data, across the apps. It composes several apps, so it
lives at the top of the house (CONVENTIONS.md)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from revier.core.mail import mail_language, mail_queue, self_service_mail_allowed
from revier.core.personal_data import DATA_LINK_MIN_DAYS
from revier.contingents.rights import claim_data_links
from revier.events.rights import registration_data_links
from revier.network.rights import profile_data_links


def _data_links(*, email: str, now: datetime.datetime) -> list:
    return [*registration_data_links(email=email, now=now), *claim_data_links(email=email, now=now),
            *profile_data_links(email=email, now=now)]


@transaction.atomic(durable=True)
def my_data_links_send(*, email: str, now: datetime.datetime | None = None) -> bool:
    """Queues ONE mail to `email` (the address typed, never another) listing a new personal link to
    the data page of each of its registrations, claims and its network profile, or saying that
    nothing is stored under it. At most settings.SELF_SERVICE_MAILS_PER_HOUR mails an hour to an
    address (core.mail.self_service_mail_allowed, shared with the other mails anyone can have sent);
    beyond that nothing is sent and no link is made. The requester learns nothing either way.
    Returns whether a mail was queued."""
    now = now or timezone.now()
    if not self_service_mail_allowed(email=email):
        return False
    links = _data_links(email=email, now=now)
    with override(mail_language()):
        subject = gettext("Your data at %(site)s") % {"site": settings.SITE_NAME}
    stored = mail_queue(
        to=[email.strip()], subject=subject, template="portal/mail/my_data",
        context={
            "links": links, "site_name": settings.SITE_NAME, "site_url": settings.SITE_URL,
            "my_data_url": settings.SITE_URL.rstrip("/") + reverse("my-data"), "min_days": DATA_LINK_MIN_DAYS,
        },
    )
    return stored is not None
