"""Contact requests outside events: the sender's form (behind the sender's personal link) and the
recipient's page (the link from the mail; GET shows, the buttons POST)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from revier.core import ratelimit
from revier.core.forms import ResendLinkForm
from revier.core.security import personal_link_response, public_form
from revier.network import selectors
from revier.network.contact import errors, services
from revier.network.contact.forms import ContactRequestForm
from revier.network.contact.selectors import contact_request_by_token
from revier.network.models import Profile
from revier.network.selectors import profile_public_get
from revier.network.suggestions.selectors import PUBLIC_FIELDS, visible_to_q
from revier.network.views.profiles import _invalid_link

DONE_MESSAGES = {
    "angenommen": _("You have accepted the request. You both get each other's contact details by mail."),
    "abgelehnt": _("You have declined the request. Your contact details have not been passed on."),
}


@public_form
@require_http_methods(["GET", "HEAD", "POST"])
def contact_new(request, token, pk):
    """"Kontakt aufnehmen" from the sender's suggestions: the other's public data and the form."""
    sender = selectors.profile_get_by_token(token=token)
    if sender is None:
        return _invalid_link(request)
    other = Profile.objects.filter(visible_to_q(sender, prefix=""), pk=pk).only(*PUBLIC_FIELDS).first()
    if other is None or other.pk == sender.pk:
        raise Http404("not a profile this person may contact")
    status, error = 200, None
    if request.method == "POST":
        form = ContactRequestForm(request.POST)
        if not ratelimit.within_public_form_limit(request, scope="network-contact"):
            status, error = 429, ratelimit.TOO_MANY_REQUESTS_MESSAGE
        elif form.is_valid():
            try:
                services.contact_request_send(sender=sender, recipient_id=other.pk,
                                              message=form.cleaned_data["message"])
            except errors.ContactError as domain_error:
                status, error = 409, domain_error.message
            else:
                here = reverse("network:suggestions", kwargs={"token": token})
                return redirect(f"{here}?erledigt=kontakt#erledigt")
        else:
            status = 400
    else:
        form = ContactRequestForm()
    context = {"profile": sender, "token": token, "other": other, "form": form, "error": error}
    return personal_link_response(render(request, "network/contact/new.html", context, status=status))


@public_form
@require_http_methods(["GET", "HEAD", "POST"])
def contact_request_page(request, token):
    """The link from the recipient's mail: the request; accepting or declining are buttons (POST)."""
    contact_request = contact_request_by_token(token=token)
    if contact_request is None:
        return _invalid_link(request)
    status, error, done = 200, None, None
    if request.method == "POST":
        action = request.POST.get("aktion", "")
        if not ratelimit.within_public_form_limit(request, scope="network-contact"):
            status, error = 429, ratelimit.TOO_MANY_REQUESTS_MESSAGE
        elif action in ("annehmen", "ablehnen"):
            service = services.contact_request_accept if action == "annehmen" else services.contact_request_decline
            try:
                service(contact_request=contact_request)
            except errors.ContactError as domain_error:
                status, error = 409, domain_error.message
            else:
                here = reverse("network:contact-request", kwargs={"token": token})
                return redirect(f"{here}?erledigt={'angenommen' if action == 'annehmen' else 'abgelehnt'}#erledigt")
        contact_request = contact_request_by_token(token=token) or contact_request
    else:
        done = DONE_MESSAGES.get(request.GET.get("erledigt", ""))
    context = {"contact_request": contact_request, "sender": contact_request.sender_public, "error": error,
               "done_message": done}
    return personal_link_response(render(request, "network/contact/request.html", context, status=status))


@public_form
@require_http_methods(["GET", "HEAD", "POST"])
def contact_start(request, pk):
    """"Kontakt aufnehmen" on a public profile page: the visitor enters their own address and, if it
    has a profile, gets a link to the contact form by mail (services.contact_link_send). The answer
    is the same whether a mail was sent or not."""
    other = profile_public_get(pk=pk)
    if other is None:
        raise Http404("no public profile")
    status, rate_limited, sent = 200, False, False
    help_text = _("The address of your own confirmed profile in the network.")
    if request.method == "POST":
        form = ResendLinkForm(request.POST, help_text=help_text)
        if not ratelimit.within_public_form_limit(request, scope="network-contact-start"):
            rate_limited, status = True, 429
        elif form.is_valid():
            if not form.is_spam:
                services.contact_link_send(email=form.cleaned_data["email"], recipient_id=other.pk)
            return redirect(f"{request.path}?gesendet=1")
    else:
        form = ResendLinkForm(help_text=help_text)
        sent = request.GET.get("gesendet") == "1"
    context = {"other": other, "form": form, "sent": sent, "rate_limited": rate_limited,
               "rate_limit_message": ratelimit.TOO_MANY_REQUESTS_MESSAGE}
    return render(request, "network/contact/start.html", context, status=status)
