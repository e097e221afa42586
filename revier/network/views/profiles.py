"""Creating a profile and managing it on the personal page, without an account.

As for registrations: anonymous people get no cookie (core.security.public_form), so results after a
POST travel as a fixed keyword in the query string (`?erledigt=geaendert`) that selects one of our
own texts. Pages reached with a personal link are not stored or indexed and send no referrer. Opening
a link changes nothing (mail scanners open links): confirming is a button on the page.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext, gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from revier.core import ratelimit
from revier.core.fragments import fragment, render_around
from revier.core.params import int_param
from revier.core.security import personal_link_response, public_form
from revier.core.templatetags.kern_forms import form_alerts
from revier.core.views import ConsentRow, PersonalDataPages, personal_data_deleted_url, personal_data_views, resend_link_view
from revier.events import selectors as event_selectors
from revier.network import errors, rendering, retention, rights, selectors, services
from revier.network.forms import DeleteProfileForm, EntryForm, ProfileChangeForm, ProfileCreateForm, VisibilityForm
from revier.network.meetings.selectors import setups_for_profile
from revier.network.models import Profile, Region
from revier.network.registration_option import registration_id_from_invite
from revier.network.suggestions.selectors import suggestion_list_for

# How many partner suggestions the personal page shows (all on their own page).
SUGGESTIONS_ON_PERSONAL_PAGE = 3

__all__ = ["profile_create", "profile_deleted", "personal_page", "entry_page", "resend_link", "profile_data",
           "profile_data_json", "profile_erase"]

DONE_MESSAGES = {
    "bestaetigt": _("Thank you, your profile is confirmed. Others can now find it as you chose below."),
    "geaendert": _("Your changes have been saved."),
    "sichtbarkeit": _("The visibility of your profile has been saved."),
    "hinzugefuegt": _("The entry has been added."),
    "eintrag-geaendert": _("The entry has been changed."),
    "entfernt": _("The entry has been removed."),
    "behalten": _("Thank you, your profile stays. We will write to you again before it would be deleted."),
}


# ---------------------------------------------------------------------------------------------
# "Profil anlegen"


def _topics() -> list:
    """The shared topics to choose from, kept per content generation (as the directory's filter)."""
    return fragment("network:topics", (), selectors.topic_list)


@public_form
@require_http_methods(["GET", "HEAD", "POST"])
def profile_create(request):
    if request.method != "POST" and request.GET.get("gesendet") == "1":
        return render(request, "network/create_done.html", {"resend_url": reverse("network:resend-link")})
    # From the Gesprächsbörse invitation after a registration (network.registration_option): a
    # signed value names the registration; the form is prefilled from it and, with its address
    # unchanged, the profile is confirmed at once and linked to it.
    invite = (request.POST if request.method == "POST" else request.GET).get("anmeldung", "")
    invited = None
    if (registration_id := registration_id_from_invite(invite)) is not None:
        invited = event_selectors.registration_get(registration_id=registration_id)
    status, rate_limited, domain_error = 200, False, None
    if request.method == "POST":
        form = ProfileCreateForm(request.POST, topics=_topics())
        if not ratelimit.within_public_form_limit(request, scope="network-create"):
            rate_limited, status = True, 429
        elif form.is_valid():
            if form.is_spam:
                return redirect(f"{request.path}?gesendet=1")
            email = form.cleaned_data["email"]
            same_address = invited is not None and services.normalize_email(email) == invited.email_normalized
            try:
                if not ratelimit.signup_hit(scope="network-signup", request=request):
                    raise errors.TooManySignups()
                services.profile_create(
                    email=email, data=form.to_input(), entries=form.entries(),
                    registration_id=invited.pk if same_address else None, email_confirmed=same_address,
                )
            except errors.TooManySignups as error:
                domain_error, status = error.message, 429
            except errors.TopicProposalRefused as error:
                form.add_error("topic_proposal", error.message)
            except errors.ProfileError as error:
                domain_error = error.message
            else:
                # The same page for a new profile and an address that has one already.
                return redirect(f"{request.path}?gesendet=1")
    elif invited is not None:
        form = ProfileCreateForm(topics=_topics(), initial=_invited_initial(invited))
    else:
        form = None
    if form is None:
        # Without input the form is the same for every reader: kept rendered (core.fragments).
        form_part = fragment("network:create-form", (request.path,), lambda: rendering.profile_create_form_html(
            ProfileCreateForm(topics=_topics()), action=request.path, privacy_url=_privacy_url(),
        ))
        has_error = False
    else:
        alerts = form_alerts(
            {"form": form, "rate_limited": rate_limited, "rate_limit_message": ratelimit.TOO_MANY_REQUESTS_MESSAGE,
             "domain_error": domain_error},
            domain_error_title=gettext("The profile could not be created"),
        )
        form_part = rendering.profile_create_form_html(
            form, action=request.path, privacy_url=_privacy_url(), alerts=alerts,
            invite=invite if invited else "", invited_event_title=invited.event.title if invited else None,
        )
        has_error = bool(form.errors or rate_limited or domain_error)
    # Everything around the form is the same for every reader: kept per address (it carries the
    # script prefix), and only the form is written.
    return render_around(
        request, "network/create.html", {"resend_url": reverse_lazy("network:resend-link"), "has_error": has_error},
        part="form_part", html=form_part, name="network:create", vary=[request.path, has_error],
        status=status,
    )


def _privacy_url() -> str:
    return reverse("pages:detail", args=["datenschutz"])


def _invited_initial(registration) -> dict:
    """What the registration already says, for the profile form."""
    initial = {
        "first_name": registration.first_name,
        "last_name": registration.last_name,
        "email": registration.email,
        "organisation": registration.organisation,
        "function": registration.function,
        "kind": registration.sector,
        "visibility": Profile.Visibility.PARTICIPANTS,
    }
    if registration.event.region in Region.values:
        initial["region"] = registration.event.region
    return initial


@require_safe
def profile_deleted(request):
    return render(request, "network/deleted.html")


# ---------------------------------------------------------------------------------------------
# The personal page


def _invalid_link(request):
    response = render(request, "network/invalid_link.html", {"resend_url": reverse("network:resend-link")}, status=404)
    return personal_link_response(response)


def _personal_context(page, *, token: str, change_form=None, visibility_form=None, entry_form=None,
                      delete_form=None, error=None, done=None) -> dict:
    profile = page.profile
    return {
        "profile": profile,
        "token": token,
        "offers": page.offers,
        "needs": page.needs,
        "profile_topics": [topic for topic in page.topics if topic.pk in page.topic_ids],
        "change_form": change_form or ProfileChangeForm(profile=profile, topics=page.topics, topic_ids=page.topic_ids),
        "visibility_form": visibility_form or VisibilityForm(profile=profile),
        "entry_form": entry_form or EntryForm(topics=page.topics, prefix="neu"),
        "delete_form": delete_form or DeleteProfileForm(),
        "entries_max": services.ENTRIES_MAX,
        "can_add": len(page.offers) + len(page.needs) < services.ENTRIES_MAX,
        "error": error,
        "done_message": DONE_MESSAGES.get(done or ""),
        "kind_label": profile.get_kind_display(),
        "region_label": profile.get_region_display(),
        "visibility_label": profile.get_visibility_display(),
        "topic_proposals": selectors.topic_proposals_open_for(profile=profile),
        # The Gesprächsbörsen of the events the profile is registered for (network/meetings/).
        "meeting_setups": setups_for_profile(profile=profile),
        # "Passende Partner": the best few (network/suggestions/)
        "suggestions": suggestion_list_for(profile=profile, limit=SUGGESTIONS_ON_PERSONAL_PAGE),
        # After the warning before the anonymisation: when, with the button to keep the profile.
        "removal_at": retention.profile_removal_at(profile=profile),
    }


@public_form
@require_http_methods(["GET", "HEAD", "POST"])
def personal_page(request, token):
    page = selectors.profile_personal_page_get(token=token)
    if page is None:
        return _invalid_link(request)
    profile = page.profile
    here = reverse("network:personal", kwargs={"token": token})
    status, error = 200, None
    forms = {}

    if request.method == "POST":
        action = request.POST.get("aktion", "")
        if not ratelimit.within_public_form_limit(request, scope="network-personal"):
            status, error = 429, ratelimit.TOO_MANY_REQUESTS_MESSAGE
        elif action == "bestaetigen":
            try:
                services.profile_confirm(token=token)
            except errors.ProfileError as domain_error:
                status, error = 409, domain_error.message
            else:
                return redirect(f"{here}?erledigt=bestaetigt#erledigt")
        elif action == "loeschen":  # also before confirming: "that was not me"
            form = forms["delete_form"] = DeleteProfileForm(request.POST)
            if form.is_valid():
                services.profile_delete(profile=profile)
                return personal_link_response(redirect("network:deleted"))
        elif profile.status != Profile.Status.CONFIRMED:
            status, error = 409, errors.NotConfirmed.message
        elif action == "aendern":
            form = forms["change_form"] = ProfileChangeForm(request.POST, profile=profile, topics=page.topics)
            if form.is_valid():
                try:
                    services.profile_update(profile=profile, data=form.to_input())
                except errors.TopicProposalRefused as refused:
                    status = 409
                    form.add_error("topic_proposal", refused.message)
                except errors.ProfileError as domain_error:
                    status, error = 409, domain_error.message
                else:
                    return redirect(f"{here}?erledigt=geaendert#erledigt")
        elif action == "behalten":
            services.profile_keep(profile=profile)
            return redirect(f"{here}?erledigt=behalten#erledigt")
        elif action == "sichtbarkeit":
            form = forms["visibility_form"] = VisibilityForm(request.POST)
            if form.is_valid():
                services.profile_set_visibility(profile=profile, visibility=form.cleaned_data["visibility"])
                return redirect(f"{here}?erledigt=sichtbarkeit#erledigt")
        elif action == "eintrag-neu":
            form = forms["entry_form"] = EntryForm(request.POST, topics=page.topics, prefix="neu")
            if form.is_valid():
                try:
                    services.profile_entry_add(profile=profile, data=form.to_input())
                except errors.ProfileError as domain_error:
                    status, error = 409, domain_error.message
                else:
                    return redirect(f"{here}?erledigt=hinzugefuegt#erledigt")
        elif action == "eintrag-loeschen":
            entry_id = int_param(request.POST.get("eintrag"))
            try:
                services.profile_entry_delete(profile=profile, entry_id=entry_id or 0)
            except errors.ProfileError as domain_error:
                status, error = 409, domain_error.message
            else:
                return redirect(f"{here}?erledigt=entfernt#erledigt")
        else:
            return redirect(here)
        page = selectors.profile_personal_page_get(token=token) or page

    context = _personal_context(page, token=token, error=error,
                                done=request.GET.get("erledigt") if request.method != "POST" else None, **forms)
    return personal_link_response(render(request, "network/personal.html", context, status=status))


@public_form
@require_http_methods(["GET", "HEAD", "POST"])
def entry_page(request, token, pk):
    """One offer or need of the personal page, to change."""
    page = selectors.profile_personal_page_get(token=token)
    if page is None:
        return _invalid_link(request)
    if page.profile.status != Profile.Status.CONFIRMED:
        return redirect("network:personal", token=token)
    entry = next((entry for entry in page.offers + page.needs if entry.pk == pk), None)
    if entry is None:
        raise Http404("no such entry")
    status, error = 200, None
    topic_ids = {topic.pk for topic in entry.topics.all()}
    if request.method == "POST":
        form = EntryForm(request.POST, topics=page.topics)
        if not ratelimit.within_public_form_limit(request, scope="network-personal"):
            status, error = 429, ratelimit.TOO_MANY_REQUESTS_MESSAGE
        elif form.is_valid():
            try:
                services.profile_entry_update(profile=page.profile, entry_id=entry.pk, data=form.to_input())
            except errors.ProfileError as domain_error:
                status, error = 409, domain_error.message
            else:
                here = reverse("network:personal", kwargs={"token": token})
                return redirect(f"{here}?erledigt=eintrag-geaendert#erledigt")
    else:
        form = EntryForm(topics=page.topics, entry=entry, topic_ids=topic_ids)
    context = {
        "profile": page.profile, "entry": entry, "form": form, "token": token, "rate_limited": status == 429,
        "rate_limit_message": ratelimit.TOO_MANY_REQUESTS_MESSAGE, "domain_error": error if status == 409 else None,
    }
    return personal_link_response(render(request, "network/entry.html", context, status=status))


# ---------------------------------------------------------------------------------------------
# "Link erneut senden"


resend_link = resend_link_view(
    send_links=services.profile_resend_links,
    scope="network-resend-link",
    template="network/resend.html",
    done_template="network/resend_done.html",
    email_help_text=_("The address you created your profile with."),
)


# ---------------------------------------------------------------------------------------------
# The person's rights: everything stored, the publication withdrawn, delete now (core.views.personal_data_views)


def _consent_rows(profile) -> list[ConsentRow]:
    return [ConsentRow(
        kind=rights.PUBLICATION, label=gettext("Showing your profile"),
        text=gettext("Your profile is shown: %(visibility)s") % {
            "visibility": Profile.Visibility(profile.visibility).label if profile.visibility in Profile.Visibility.values
            else profile.visibility},
        given_at=profile.confirmed_at or profile.created_at,
        withdrawn_at=rights.profile_publication_withdrawn_at(profile),
    )]


profile_data, profile_data_json, profile_erase = personal_data_views(PersonalDataPages(
    holder_get=lambda token: selectors.profile_get_by_token(token=token),
    data_get=lambda profile: rights.profile_personal_data(profile=profile),
    erase=lambda profile: rights.profile_erase(profile=profile),
    back_url=lambda token: reverse("network:personal", kwargs={"token": token}),
    invalid_link=_invalid_link,
    done_url=personal_data_deleted_url,
    scope="network-personal",
    consents_get=_consent_rows,
    consent_withdraw=lambda profile, kind: rights.profile_publication_withdraw(profile=profile),
    erase_note=rights.profile_erase_note,
    filename="netzwerk-profil",
))
