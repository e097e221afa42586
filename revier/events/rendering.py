"""The registration form's HTML, written in Python as core's `{% kern_field %}` is.

A refused post in a rush (the category fully booked) shows the form again with the input kept and
the error next to the field; everything around the form is the same for every reader and comes
from the store (core.fragments.render_around). This module writes the form itself: what
events/registration/register.html had between <form> and </form>, without the template engine's
cost per node (docs/performance.md)."""

from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from revier.core.templatetags.kern_forms import render_field
from revier.events.templatetags.events_public import category_choices


def _fieldset(legend: str, body: str, *, intro: str = "") -> str:
    intro = f'\n    <p class="kern-body">{escape(intro)}</p>' if intro else ""
    return (
        '\n  <fieldset class="form-section">\n'
        f'    <legend class="kern-heading-medium">{escape(legend)}</legend>{intro}\n'
        f'    <div class="form-stack">\n      {body}\n    </div>\n'
        "  </fieldset>\n"
    )


def registration_form_html(form, offers, *, action: str, privacy_url: str) -> SafeString:
    """The <form> of an event's registration page for `form` (events.forms.RegistrationForm, with
    or without input) and the categories' `offers` (free seats), posting to `action`."""
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
        f'  <p class="kern-body" id="datenschutz-hinweis">{privacy}</p>\n'
        '  <button class="kern-btn kern-btn--primary" type="submit"><span class="kern-label">'
        f"{submit}</span></button>\n"
        "</form>"
    )
