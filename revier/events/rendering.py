"""The registration form's HTML, written in Python as core's `{% kern_field %}` is.

A refused post in a rush (the category fully booked) shows the form again with the input kept and
the error next to the field; everything around the form is the same for every reader and comes
from the store (core.fragments.render_around). This module writes the form itself: what
events/registration/register.html had between <form> and </form>, without the template engine's
cost per node (docs/performance.md)."""

from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext, ngettext

from revier.core.fragments import fragment
from revier.core.text import remembered_gettext
from revier.core.templatetags.kern_forms import render_field
from revier.events.forms import CancelForm
from revier.events.templatetags.events_public import category_choices, time_range, when


def _fieldset(legend: str, body: str, *, intro: str = "") -> str:
    intro = f'\n    <p class="kern-body">{escape(intro)}</p>' if intro else ""
    return (
        '\n  <fieldset class="form-section">\n'
        f'    <legend class="kern-heading-medium">{escape(legend)}</legend>{intro}\n'
        f'    <div class="form-stack">\n      {body}\n    </div>\n'
        "  </fieldset>\n"
    )


def registration_form_html(form, offers, *, action: str, privacy_url: str, retention_days: int) -> SafeString:
    """The <form> of an event's registration page for `form` (events.forms.RegistrationForm, with
    or without input) and the categories' `offers` (free seats), posting to `action`; the privacy
    note names the event's retention period (`retention_days`, Event.retention_days)."""
    fields = "      ".join(render_field(form[name]) for name in
                           ("first_name", "last_name", "email", "organisation", "function", "sector"))
    participation = category_choices(form["category"], offers) + "\n      " + render_field(form["join_waitlist"])
    participation += "".join(render_field(field) for field in form.option_fields)
    questions = ""
    if form.questions:
        questions = _fieldset(gettext("Questions from the organisers"),
                              "".join(render_field(field) for field in form.question_fields))
    consents = _fieldset(
        gettext("Voluntary consents"),
        "".join(render_field(field) for field in form.consent_fields),
        intro=gettext("These consents are voluntary. Your registration does not depend on them, and you can "
                      "withdraw them at any time by writing to the organisers."),
    )
    honeypot = form["website"]
    privacy = gettext(
        "We process your details to carry out your registration and the event (the contract of your "
        "participation). The organisers of the event receive them for this purpose. Details are in our "
        '<a class="kern-link" href="%(privacy_url)s">privacy statement</a>.'
    ) % {"privacy_url": escape(privacy_url)}
    retention = escape(ngettext(
        "Your details are deleted %(days)d day after the event; only the numbers of participants remain.",
        "Your details are deleted %(days)d days after the event; only the numbers of participants remain.",
        retention_days,
    ) % {"days": retention_days})
    # Texts outside the f-strings: xgettext (makemessages) does not look into f-strings.
    required_note = escape(gettext("Fields marked “required” must be filled in."))
    submit = escape(gettext("Register"))
    return mark_safe(
        f'<form class="form-stack registration-form" method="post" action="{escape(action)}" novalidate>\n'
        f'  <p class="kern-body">{required_note}</p>\n'
        + _fieldset(gettext("About you"), fields)
        + _fieldset(gettext("Participation"), participation)
        + questions
        + consents
        + '\n  <div class="honeypot" aria-hidden="true">\n'
        f'    <label for="{escape(honeypot.id_for_label)}">{escape(str(honeypot.label))}</label>\n'
        f'    <input type="text" name="{escape(honeypot.html_name)}" id="{escape(honeypot.id_for_label)}" value="" '
        'tabindex="-1" autocomplete="off">\n'
        "  </div>\n"
        f'  <p class="kern-body" id="datenschutz-hinweis">{privacy} {retention}</p>\n'
        '  <button class="kern-btn kern-btn--primary" type="submit"><span class="kern-label">'
        f"{submit}</span></button>\n"
        "</form>"
    )


# ---------------------------------------------------------------------------------------------
# The self-service page of a personal link: what events/registration/self_service.html had in its
# content block. Everything around it (head, header, breadcrumbs, footer) is kept per event
# (core.fragments.render_around); this part is the reader's own and is written per request.

def _alert(kind: str, title: str, body: str, *, role: str, element_id: str = "", summary: bool = False) -> str:
    attrs = f' id="{element_id}" tabindex="-1"' if element_id else ""
    if summary:
        attrs += " data-error-summary"
    return (
        f'<div class="kern-alert kern-alert--{kind}" role="{role}"{attrs}>\n'
        f'  <div class="kern-alert__header"><span class="kern-icon kern-icon--{kind}" aria-hidden="true"></span>'
        f'<span class="kern-title">{escape(title)}</span></div>\n'
        f'  <div class="kern-alert__body">{body}</div>\n'
        "</div>\n"
    )


def _fact(label: str, value: str) -> str:
    return f"    <div><dt>{escape(label)}</dt><dd>{value}</dd></div>\n"


def _error_summary(items: list[tuple[str, str, str]], *, element_id: str) -> str:
    """The error summary above a form: one link per (field id, label, first error)."""
    if not items:
        return ""
    links = "".join(f'<li><a class="kern-link" href="#{escape(target)}">{escape(label)}: {escape(error)}</a></li>'
                    for target, label, error in items)
    return _alert("danger", gettext("Please check your entries"), f'<ul class="kern-body">{links}</ul>',
                  role="alert", element_id=element_id, summary=True)


def _status_html(registration, event, *, can_confirm: bool, position, action: str, urls: dict) -> str:
    gettext = remembered_gettext()  # the language asked for once (core.text)
    status = registration.status
    para = '  <p class="kern-body">{}</p>\n'.format
    if can_confirm and not event.is_cancelled:
        if status == "offered":
            intro = gettext("A seat has become free for you. Please confirm that you will take part.")
        else:
            intro = gettext("Your registration is not confirmed yet. Please confirm it with the button.")
        if registration.hold_until:
            hold = gettext("We hold your seat until %(until)s.") % {"until": when(registration.hold_until)}
        else:
            hold = gettext("Your seat is no longer held for you. You can still confirm: you get a seat if one is "
                           "free, otherwise a place on the waiting list.")
        button = escape(gettext("Confirm registration"))
        return (
            '<div class="registration-confirm">\n' + para(escape(intro)) + para(escape(hold))
            + f'  <form method="post" action="{escape(action)}">\n'
            '    <input type="hidden" name="aktion" value="bestaetigen">\n'
            '    <button class="kern-btn kern-btn--primary registration-confirm__button" type="submit">'
            f'<span class="kern-label">{button}</span></button>\n'
            "  </form>\n</div>\n"
        )
    if status == "waitlisted":
        return (
            '<p class="kern-body registration-position">'
            + escape(gettext("You are number %(position)s on the waiting list.") % {"position": position}) + "</p>\n"
            + '<p class="kern-body">' + escape(gettext(
                "When a seat becomes free, we move you up automatically and write to you. You then have a limited "
                "time to confirm.")) + "</p>\n"
        )
    if status == "confirmed":
        if registration.category.is_online:
            ticket = gettext("Your access information")
        else:
            ticket = gettext("Your ticket with QR code")
        links = [(urls["ticket"], ticket), (urls["ics"], gettext("Calendar entry (.ics)"))]
        if event.online_url:
            links.append((event.online_url, gettext("Online access")))
        items = "".join(f'  <li><a class="kern-link" href="{escape(href)}">{escape(label)}</a></li>\n'
                        for href, label in links)
        return f'<ul class="kern-list registration-links">\n{items}</ul>\n'
    texts = {
        "pending": gettext("The organisers check registrations for this event; your seat is reserved until they "
                           "decide. We will write to you."),
        "cancelled": gettext("You have cancelled this registration. If you would like to take part after all, "
                             "please register again."),
        "expired": gettext("This registration was not confirmed in time and has expired. If you would like to take "
                           "part, please register again."),
        "rejected": gettext("Unfortunately the organisers could not accept this registration."),
    }
    return f'<p class="kern-body">{escape(texts[status])}</p>\n' if status in texts else ""


def _event_facts(event) -> str:
    """When and where: the same for every registration of the event (kept, core.fragments)."""
    facts = _fact(gettext("When"), f'<time datetime="{localtime(event.starts_at):%Y-%m-%dT%H:%M%z}">'
                                   f"{escape(time_range(event.starts_at, event.ends_at))}</time>")
    if event.address_line:
        facts += _fact(gettext("Where"), escape(event.address_line))
    return facts


def _event_link(event) -> str:
    """The link to the event's page (kept, core.fragments)."""
    label = escape(gettext("Event page with the program"))
    return f'  <p><a class="kern-link" href="{escape(event.get_absolute_url())}">{label}</a></p>\n'


def self_service_html(context: dict, *, action: str, urls: dict) -> SafeString:
    """The content of a registration's self-service page (events.views.registration._self_service_context's
    `context`), with forms posting to `action`; `urls` has the personal link's "ticket" and "ics"."""
    gettext = remembered_gettext()  # the language asked for once (core.text)
    registration, event = context["registration"], context["event"]
    heading = escape(gettext("Your registration"))
    parts = [f'<h1 class="kern-heading-x-large">{heading}</h1>\n']
    if context["done_message"]:
        parts.append(_alert("success", gettext("Done"), f'<p class="kern-body">{escape(str(context["done_message"]))}</p>',
                            role="status", element_id="erledigt"))
    if context["error"]:
        parts.append(_alert("danger", gettext("That did not work"), f'<p class="kern-body">{escape(str(context["error"]))}</p>',
                            role="alert", element_id="fehler", summary=True))
    if event.is_cancelled:
        parts.append(_alert("danger", gettext("Event cancelled"), '<p class="kern-body">' + escape(gettext(
            "This event has been cancelled. Your registration is void; you need to do nothing.")) + "</p>",
            role="status"))

    facts = [fragment("events:self-service-facts", [event.pk], lambda: _event_facts(event))]
    facts += [
        _fact(gettext("Name"), escape(registration.full_name)),
        _fact(gettext("E-mail address"), escape(registration.email)),
        _fact(gettext("Ticket category"), escape(registration.category.name)),
        _fact(gettext("Status"), f"<strong>{escape(str(context['status_label']))}</strong>"),
    ]
    event_link = fragment("events:self-service-link", [event.pk], lambda: _event_link(event))
    parts.append(
        '<section aria-labelledby="anmeldung-status" class="registration-section">\n'
        f'  <h2 id="anmeldung-status" class="kern-heading-large">{escape(event.title)}</h2>\n'
        f'  <dl class="registration-facts">\n{"".join(facts)}  </dl>\n'
        + event_link
        + _status_html(registration, event, can_confirm=context["can_confirm"], position=context["position"],
                       action=action, urls=urls)
        + "</section>\n"
    )

    details = [
        _fact(gettext("Organisation"), escape(registration.organisation or "–")),
        _fact(gettext("Function"), escape(registration.function or "–")),
        _fact(gettext("Sector"), escape(str(context["sector_label"]))),
    ]
    details += [_fact(question.text, escape(str(value) if value else "–")) for question, value in context["answered"]]
    details_heading = escape(gettext("Your details"))
    section = (
        '<section aria-labelledby="anmeldung-angaben" class="registration-section">\n'
        f'  <h2 id="anmeldung-angaben" class="kern-heading-large">{details_heading}</h2>\n'
        f'  <dl class="registration-facts">\n{"".join(details)}  </dl>\n'
    )
    change = escape(gettext("Change your details"))
    if context["is_active"] and context["change_form"] is None:
        section += (f'  <p><a class="kern-link" href="{escape(action)}?aendern=1#angaben-aendern">{change}</a></p>\n')
    elif context["is_active"]:
        form = context["change_form"]
        fields = form.visible_fields()
        errors = [(field.id_for_label or f"{field.auto_id}_0", str(field.label), field.errors[0])
                  for field in fields if field.errors] if form.errors else []
        note = escape(gettext("Your e-mail address cannot be changed here. To register with another address, please "
                              "cancel and register again."))
        save = escape(gettext("Save changes"))
        section += (
            f'  <h3 class="kern-heading-medium" id="angaben-aendern">{change}</h3>\n'
            + _error_summary(errors, element_id="fehler-angaben")
            + f'  <form class="form-stack" method="post" action="{escape(action)}#angaben-aendern" novalidate>\n'
            '    <input type="hidden" name="aktion" value="aendern">\n'
            f'    <p class="kern-body">{note}</p>\n'
            + "".join(render_field(field) for field in fields)
            + f'    <button class="kern-btn kern-btn--secondary" type="submit"><span class="kern-label">{save}</span></button>\n'
            "  </form>\n"
        )
    parts.append(section + "</section>\n")

    consents = context["consents"]
    if consents:
        items = []
        for consent in consents:
            text = gettext("%(kind)s: given on %(given)s") % {"kind": consent.get_kind_display(),
                                                              "given": when(consent.given_at)}
            if consent.withdrawn_at:
                text += " " + gettext("(withdrawn on %(withdrawn)s)") % {"withdrawn": when(consent.withdrawn_at)}
            items.append(f"<li>{escape(text)}</li>")
        consent_html = f'  <ul class="kern-list">\n    {"".join(items)}\n  </ul>\n'
    else:
        none_given = escape(gettext("You have not given any of the voluntary consents."))
        consent_html = f'  <p class="kern-body">{none_given}</p>\n'
    consents_heading = escape(gettext("Your consents"))
    parts.append(
        '<section aria-labelledby="anmeldung-einwilligungen" class="registration-section">\n'
        f'  <h2 id="anmeldung-einwilligungen" class="kern-heading-large">{consents_heading}</h2>\n'
        + consent_html + "</section>\n"
    )

    data_heading = escape(gettext("Your data"))
    data_text = escape(gettext("See everything we have stored about you, download it, withdraw consents or have "
                               "your data deleted."))
    data_link = escape(gettext("Your data: see, download, delete"))
    parts.append(
        '<section aria-labelledby="anmeldung-daten" class="registration-section">\n'
        f'  <h2 id="anmeldung-daten" class="kern-heading-large">{data_heading}</h2>\n'
        f'  <p class="kern-body">{data_text}</p>\n'
        f'  <p><a class="kern-link" href="{escape(action)}daten/">{data_link}</a></p>\n</section>\n'
    )
    if context["is_active"]:
        form = context["cancel_form"]
        if form is None:  # without input the section is the same for every registration: kept
            before, after = fragment("events:self-service-cancel", [],
                                     lambda: _cancel_section(CancelForm(), action="\x00").split("\x00"))
            parts.append(before + escape(action) + after)
        else:
            parts.append(_cancel_section(form, action=action))
    return mark_safe("".join(parts))


def _cancel_section(form, *, action: str) -> str:
    """The section "Abmelden" with the cancel form (its one tick, and its error if posted)."""
    gettext = remembered_gettext()  # the language asked for once (core.text)
    confirm = form["confirm"]
    errors = [(confirm.id_for_label, str(confirm.label), confirm.errors[0])] if confirm.errors else []
    heading = escape(gettext("Cancel registration"))
    intro = escape(gettext("If you cannot come, please cancel: your seat is then free at once for someone from "
                           "the waiting list."))
    summary = _error_summary(errors, element_id=f"{confirm.auto_id}-fehler")
    return (
        '<section aria-labelledby="anmeldung-abmelden" class="registration-section">\n'
        f'  <h2 id="anmeldung-abmelden" class="kern-heading-large">{heading}</h2>\n'
        f'  <p class="kern-body">{intro}</p>\n'
        + summary
        + f'  <form class="form-stack" method="post" action="{escape(action)}#anmeldung-abmelden" novalidate>\n'
        '    <input type="hidden" name="aktion" value="abmelden">\n'
        + render_field(confirm)
        + f'    <button class="kern-btn kern-btn--secondary" type="submit"><span class="kern-label">{heading}</span></button>\n'
        "  </form>\n</section>\n"
    )

