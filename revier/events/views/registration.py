"""Registration and self-service without an account.

Anonymous people get no cookie (core.security.public_form), so results after a POST travel as a
fixed keyword in the query string (`?erledigt=bestaetigt`) that selects one of our own texts; input
is never echoed from the address. Pages reached with a personal link are not indexed and send no
referrer, so the token does not leak to other sites.
"""

import io

import segno
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from revier.core import ratelimit
from revier.core.addresses import fixed_reverse
from revier.core.fragments import bound_form_html, fragment, render_around
from revier.core.templatetags.kern_forms import form_alerts
from revier.core.security import public_form, personal_link_response
from revier.core.views import ConsentRow, PersonalDataPages, personal_data_deleted_url, personal_data_views, resend_link_view
from revier.events import errors, rights, selectors, services
from revier.events.calendar import event_ics
from revier.events.forms import CancelForm, RegistrationChangeForm, RegistrationForm
from revier.events.models import Registration, Sector
from revier.events.rendering import registration_form_html, self_service_html

Status = Registration.Status
# The choices' labels by value (translated when shown), without the enums' lookups per request.
_STATUS_LABELS = dict(Status.choices)
_SECTOR_LABELS = dict(Sector.choices)

__all__ = ["register", "registration_page", "ticket_page", "ticket_qr", "registration_ics", "resend_link",
           "registration_data", "registration_data_json", "registration_erase"]

MAX_TOKEN_LENGTH = 100

# The results a self-service POST can report, by the keyword in the address.
DONE_MESSAGES = {
    "bestaetigt": _("Thank you, your confirmation has been received."),
    "warteliste": _(
        "The time to confirm had run out and the seat has gone to someone else in the meantime. "
        "You are now on the waiting list; we will write to you when a seat becomes free."
    ),
    "geaendert": _("Your changes have been saved."),
    "abgemeldet": _("You have cancelled your registration. Your seat is free for someone else."),
}

# ---------------------------------------------------------------------------------------------
# Registration form


@public_form
@require_http_methods(["GET", "HEAD", "POST"])
def register(request, slug):
    data = selectors.registration_form_get(slug=slug)
    if data is None:
        raise Http404("no such event")
    event = data.event
    context = {"event": event, "resend_url": fixed_reverse("events:resend-link")}
    if request.method != "POST" and request.GET.get("gesendet") == "1":
        return render(request, "events/registration/register_done.html", context)

    state = event.registration_state()
    if state == "open" and not data.categories:
        state = "none"
    if state != "open":
        context.update(state=state, closed_message=errors.CLOSED_MESSAGES[state])
        return render(request, "events/registration/register_closed.html", context)

    status, rate_limited, domain_error = 200, False, None
    privacy_url = fixed_reverse("pages:detail", "datenschutz")
    if request.method == "POST":
        form = RegistrationForm(
            request.POST, categories=data.categories, availabilities=data.availabilities, questions=data.questions,
            options=data.options,
        )
        if not ratelimit.within_public_form_limit(request, scope="events-register"):
            rate_limited, status = True, 429
        elif form.is_valid():
            if form.is_spam:
                return redirect(f"{request.path}?gesendet=1")
            try:
                if not ratelimit.signup_hit(scope="events-signup", request=request):
                    raise errors.TooManySignups()
                registration_input = form.to_input()
                # The category as the form read it, and its seats if known without a query: the
                # likely mail is written before the lock.
                category_id = registration_input.category_id
                services.registration_create(
                    event=event, data=registration_input,
                    category=next((c for c in data.categories if c.pk == category_id), None),
                    seats_seen=data.availability_known(category_id),
                )
            except errors.TooManySignups as error:
                domain_error, status = error.message, 429
            except errors.RegistrationError as error:
                domain_error = error.message
            else:
                # The same page for a new registration, a waiting-list place and an address that
                # was registered already: the page must not tell anyone which it was.
                return redirect(f"{request.path}?gesendet=1")

        def alerts_and_form(form) -> str:
            alerts = form_alerts(
                {"form": form, "rate_limited": rate_limited, "rate_limit_message": ratelimit.TOO_MANY_REQUESTS_MESSAGE,
                 "domain_error": domain_error},
                domain_error_title=gettext("The registration could not be completed"),
            )
            return alerts + registration_form_html(form, data.offers, action=request.path, privacy_url=privacy_url,
                                                   retention_days=event.retention_days)

        # Shown again with its input: its shape kept per seats counted and message, the input written in.
        form_part = bound_form_html(
            "events:register-form", [event.pk, request.path, rate_limited, domain_error, *_seats(data.offers)], form,
            alerts_and_form,
        )
        has_error = True
    else:
        # Without input the form is the same for every reader while the seats do not change: kept
        # rendered (core.fragments), varying on the seats counted for this request.
        seats = _seats(data.offers)
        form_part = fragment("events:register-form", [event.pk, request.path, *seats], lambda: registration_form_html(
            RegistrationForm(categories=data.categories, availabilities=data.availabilities, questions=data.questions,
                             options=data.options),
            data.offers, action=request.path, privacy_url=privacy_url, retention_days=event.retention_days,
        ))
        has_error = False
    # Everything around the form is the same for every reader: kept, and only the form is written
    # per request (a refused post in a rush costs little more than its form, docs/performance.md).
    context["has_error"] = has_error
    return render_around(request, "events/registration/register.html", context, part="form_part", html=form_part,
                         name="events:register", vary=[event.pk, request.path, has_error], status=status)


def _seats(offers) -> list[tuple]:
    return [(offer.category.pk, offer.availability.capacity, offer.availability.taken) for offer in offers]


# ---------------------------------------------------------------------------------------------
# Self-service


def _registration_or_none(token: str) -> Registration | None:
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return selectors.registration_get_by_token(token=token)


def _invalid_link(request):
    response = render(
        request, "events/registration/invalid_link.html", {"resend_url": reverse("events:resend-link")}, status=404
    )
    return personal_link_response(response)


def _self_service_context(registration: Registration, *, questions, consents, change_form=None, cancel_form=None,
                          error=None, done=None, editing=False) -> dict:
    """The self-service page's context. The form to change one's details is there only while
    `editing` (the link "Angaben ändern", ?aendern=1) or after a post of it (with its errors)."""
    answers = registration.answers if isinstance(registration.answers, dict) else {}
    answered = []
    for question in questions:
        value = answers.get(str(question.pk))
        if isinstance(value, list):
            value = ", ".join(map(str, value))
        answered.append((question, value))
    return {
        "registration": registration,
        "event": registration.event,
        "position": selectors.waitlist_position(registration=registration),
        "can_confirm": registration.status in Registration.HELD,
        "is_active": registration.is_active,
        "answered": answered,
        "change_form": change_form or (
            RegistrationChangeForm(registration=registration, questions=questions) if editing else None),
        "cancel_form": cancel_form,  # None: the blank form, kept rendered (events.rendering)
        "error": error,
        "done_message": DONE_MESSAGES.get(done or ""),
        "consents": consents,
        "status_label": _STATUS_LABELS.get(registration.status, registration.status),
        "sector_label": _SECTOR_LABELS.get(registration.sector, registration.sector),
    }


@public_form
@require_http_methods(["GET", "HEAD", "POST"])
def registration_page(request, token):
    page = selectors.registration_page_get(token=token) if token and len(token) <= MAX_TOKEN_LENGTH else None
    if page is None:
        return _invalid_link(request)
    registration, questions = page.registration, page.questions
    # This page's own address (as reverse("events:registration", kwargs={"token": token}) gives it
    # for a valid token: its characters need no quoting); the ticket and calendar lie below it.
    here = request.path
    status, error, change_form, cancel_form = 200, None, None, None

    if request.method == "POST":
        action = request.POST.get("aktion", "")
        if not ratelimit.within_public_form_limit(request, scope="events-self-service"):
            status, error = 429, ratelimit.TOO_MANY_REQUESTS_MESSAGE
        elif action == "bestaetigen":
            try:
                confirmed = services.registration_confirm(token=token)
            except errors.RegistrationError as domain_error:
                status, error = 409, domain_error.message
                registration = _registration_or_none(token) or registration
            else:
                done = "warteliste" if confirmed.status == Status.WAITLISTED else "bestaetigt"
                return redirect(f"{here}?erledigt={done}#erledigt")
        elif action == "aendern":
            change_form = RegistrationChangeForm(request.POST, registration=registration, questions=questions)
            if change_form.is_valid():
                data = change_form.cleaned_data
                try:
                    services.registration_update(
                        registration=registration,
                        first_name=data["first_name"],
                        last_name=data["last_name"],
                        organisation=data.get("organisation", ""),
                        function=data.get("function", ""),
                        sector=data["sector"],
                        answers=change_form.answers(),
                    )
                except errors.RegistrationError as domain_error:
                    status, error = 409, domain_error.message
                else:
                    return redirect(f"{here}?erledigt=geaendert#erledigt")
        elif action == "abmelden":
            cancel_form = CancelForm(request.POST)
            if cancel_form.is_valid():
                services.registration_cancel(registration=registration)
                return redirect(f"{here}?erledigt=abgemeldet#erledigt")
        else:
            return redirect(here)

    context = _self_service_context(
        registration, questions=questions, consents=page.consents, change_form=change_form, cancel_form=cancel_form,
        error=error,
        done=request.GET.get("erledigt") if request.method != "POST" else None,
        editing=request.method != "POST" and request.GET.get("aendern") == "1",
    )
    has_error = bool(error or (change_form and change_form.errors) or (cancel_form and cancel_form.errors))
    urls = {"ticket": f"{here}ticket/", "ics": f"{here}kalender.ics"}
    content = self_service_html(context, action=here, urls=urls)
    # Everything around the content is the same for every registration of the event: kept, and
    # only the reader's own part is written per request (docs/performance.md).
    return personal_link_response(render_around(
        request, "events/registration/self_service.html", {"event": registration.event, "has_error": has_error},
        part="content_part", html=content, name="events:self-service", vary=[registration.event_id, has_error],
        status=status,
    ))


@require_safe
def ticket_page(request, token):
    registration = _registration_or_none(token)
    if registration is None:
        return _invalid_link(request)
    context = {
        "registration": registration,
        "event": registration.event,
        "is_valid_ticket": registration.status == Status.CONFIRMED,
    }
    return personal_link_response(render(request, "events/registration/ticket.html", context))


@require_safe
def ticket_qr(request, token):
    registration = _registration_or_none(token)
    if registration is None or registration.status != Status.CONFIRMED or registration.category.is_online:
        raise Http404("no valid ticket")  # online participants have no entry ticket
    buffer = io.BytesIO()
    segno.make(registration.ticket_code, error="m").save(
        buffer, kind="svg", scale=8, border=4, xmldecl=False, svgclass=None, lineclass=None,
        title=f"QR-Code {registration.ticket_code}",
    )
    return personal_link_response(HttpResponse(buffer.getvalue(), content_type="image/svg+xml"))


@require_safe
def registration_ics(request, token):
    registration = _registration_or_none(token)
    if registration is None:
        return _invalid_link(request)
    ics = event_ics(registration.event, online=registration.category.is_online)
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{registration.event.slug}.ics"'
    return personal_link_response(response)


# ---------------------------------------------------------------------------------------------
# "Link erneut senden"


resend_link = resend_link_view(
    send_links=services.registration_resend_links,
    scope="events-resend-link",
    template="events/registration/resend.html",
    done_template="events/registration/resend_done.html",
    email_help_text=_("The address you registered with."),
)


# ---------------------------------------------------------------------------------------------
# The person's rights: everything stored, consents, delete now (core.views.personal_data_views)


def _consent_rows(registration: Registration) -> list[ConsentRow]:
    return [
        ConsentRow(kind=consent.kind, label=consent.get_kind_display(), text=consent.text, given_at=consent.given_at,
                   withdrawn_at=consent.withdrawn_at)
        for consent in sorted(registration.consents.all(), key=lambda consent: consent.kind)
    ]


def _erase_note(registration: Registration) -> str:
    if registration.checked_in_at is not None:
        return gettext(
            "You were checked in at the event. So that the event's numbers stay right, the registration is kept "
            "without your details (anonymised): ticket category, status and times. Nothing in it names you any more."
        )
    if registration.is_active:
        return gettext("Your registration is cancelled first; your seat is free at once for someone else.")
    return ""


registration_data, registration_data_json, registration_erase = personal_data_views(PersonalDataPages(
    holder_get=lambda token: selectors.registration_get_by_token(token=token),
    data_get=lambda registration: rights.registration_personal_data(registration=registration),
    erase=lambda registration: rights.registration_erase(registration=registration),
    back_url=lambda token: reverse("events:registration", kwargs={"token": token}),
    invalid_link=_invalid_link,
    done_url=personal_data_deleted_url,
    scope="events-self-service",
    consents_get=_consent_rows,
    consent_withdraw=lambda registration, kind: rights.registration_consent_withdraw(registration=registration,
                                                                                     kind=kind),
    withdraw_errors=(errors.RegistrationError,),
    erase_note=_erase_note,
    filename="anmeldung",
))
