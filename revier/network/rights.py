"""The person's rights for a network profile (issue 12 §4, docs/security.md "Rechte der Person"):
everything stored (export), the publication withdrawn (the profile hidden), the data deleted now
(network.services.profile_delete, the personal page's own "delete"; anonymised instead where the
Gesprächsbörse's figures count the profile). Reached through the profile's
personal link."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from revier.core.models import AuditEntry
from revier.core.services import audit_log
from revier.core.personal_data import (
    LINK_LABELS, DataLink, PersonalData, Section, choices_of, data_links, fields_of, labels_of, link_rows,
    mail_section,
)
from revier.network import errors
from revier.network.models import Profile
from revier.network.retention import profile_anonymise
from revier.network.services import _issue_link, absolute_url, normalize_email, profile_delete, profile_set_visibility

DELETED, ANONYMISED = "deleted", "anonymised"
# The one consent of a profile: that it is shown (in the directory or to the participants of the
# same event). Withdrawn, the profile is hidden (Profile.Visibility.HIDDEN).
PUBLICATION = "publication"
# Rows of other people a profile's relations hold: their messages stay out of the export (the other
# side is named by number only).
_OTHERS_TEXT = {"meeting_requests_received": {"message"}, "contact_requests_received": {"message"}}


def profile_personal_data(*, profile: Profile) -> PersonalData:
    """Everything stored about the person of `profile`: every column of the profile, its topics,
    and every row of every table that points at it (offers and needs, linked registrations,
    meeting and contact requests, meetings, follow-up answers, suggestions …; the messages of
    other people to it left out), its personal links (times only), the topics it proposed and the
    mails to its address in the outbox."""
    profile = Profile.objects.get(pk=profile.pk)
    row = fields_of(profile)
    row["topics"] = sorted(profile.topics.values_list("name", flat=True))
    sections = [Section("profile", gettext("Profile"), [row],
                        labels_of(Profile, email_normalized=gettext("E-mail address (for comparison)"),
                                  topics=gettext("Topics")), choices_of(Profile))]
    for relation in Profile._meta.related_objects:
        name = relation.get_accessor_name()
        if not relation.one_to_many or name == "links":
            continue
        rows = [fields_of(obj, exclude=frozenset(_OTHERS_TEXT.get(name, ())))
                for obj in getattr(profile, name).order_by("pk")]
        sections.append(Section(name, str(relation.related_model._meta.verbose_name_plural).capitalize(), rows,
                                labels_of(relation.related_model), choices_of(relation.related_model)))
    sections.append(Section("topic_proposals", gettext("Proposed topics"), [
        {"name": proposal.name, "status": proposal.status, "created_at": proposal.created_at.isoformat()}
        for proposal in profile.topic_proposals.order_by("pk")
    ]))
    sections.append(Section("personal_links", gettext("Personal links"), link_rows(profile.links.order_by("created_at")),
                            LINK_LABELS))
    sections.append(mail_section(profile.email))
    return PersonalData(kind="network.profile", title=gettext("Network profile"), sections=sections)


def profile_publication_withdrawn_at(profile: Profile) -> datetime.datetime | None:
    """When the person last hid the profile (the audit log keeps the time), or None while it is shown."""
    if profile.visibility != Profile.Visibility.HIDDEN:
        return None
    entry = (AuditEntry.objects.filter(object_type="network.profile", object_id=str(profile.pk),
                                       action="profile_visibility_set", data__visibility=Profile.Visibility.HIDDEN)
             .order_by("-at").first())
    return entry.at if entry is not None else profile.updated_at


def profile_publication_withdraw(*, profile: Profile) -> Profile:
    """The person withdraws the consent to show the profile: it is hidden from everyone
    (network.services.profile_set_visibility, audited with the time); the person can show it again
    on the personal page."""
    return profile_set_visibility(profile=profile, visibility=Profile.Visibility.HIDDEN)


# What a profile's rows feed into the Gesprächsbörse's and the follow-up's figures (how many took
# part, asked, met, held, cooperate): a profile with any of them is anonymised, not deleted.
STATISTICS_RELATIONS = ("registration_links", "meeting_requests_sent", "meeting_requests_received",
                        "meeting_participations", "followup_answers")


def profile_needed_for_statistics(profile: Profile) -> bool:
    """Whether the figures of an event's Gesprächsbörse or follow-up count `profile` (it is linked
    to an event registration, sent or received a meeting request, met or answered the follow-up)."""
    return any(getattr(profile, relation).exists() for relation in STATISTICS_RELATIONS)


def profile_erase(*, profile: Profile, now: datetime.datetime | None = None) -> str:
    """The person has their data deleted now. A profile the statistics count
    (profile_needed_for_statistics) is anonymised instead (network.retention.profile_anonymise: names,
    address, texts, offers and needs, links, messages gone; the row with its meetings and answers stays
    for the figures) and returns ANONYMISED; any other is deleted with everything pointing at it
    (network.services.profile_delete, with a last mail) and returns DELETED. Audited
    (profile_erased with the outcome, or profile_deleted)."""
    with transaction.atomic(durable=True):
        profile = Profile.objects.select_for_update().filter(pk=profile.pk).first()
        if profile is None:  # deleted meanwhile (a second click): nothing left to do
            return DELETED
        if profile_needed_for_statistics(profile):
            profile_anonymise(profile=profile, now=now or timezone.now())
            audit_log(actor=None, action="profile_erased", obj=profile, data={"status": ANONYMISED})
            return ANONYMISED
        try:
            profile_delete(profile=profile)
        except errors.LinkInvalid:
            pass
    return DELETED


def profile_erase_note(profile: Profile) -> str:
    """What "delete" will keep, said before the person confirms."""
    if profile_needed_for_statistics(profile):
        return gettext(
            "Your profile took part in an event's Gesprächsbörse (registered, requested or met). So that its "
            "numbers stay right, an entry without your details is kept (anonymised): who met how often, without "
            "names, addresses or texts. Nothing in it names you any more."
        )
    return ""


def profile_data_links(*, email: str, now: datetime.datetime) -> list[DataLink]:
    """For "Meine Daten": a new personal link to the data page of the profile of the address (one
    at most), working settings.NETWORK_LINK_DAYS. The caller holds the transaction."""

    def issue_link(profile: Profile) -> str:
        return absolute_url(reverse("network:profile-data", kwargs={"token": _issue_link(profile, now=now)}))

    return data_links(Profile.objects.filter(email_normalized=normalize_email(email)), kind=gettext("Network profile"),
                      title=lambda profile: profile.organisation, issue_link=issue_link)
