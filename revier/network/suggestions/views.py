"""'Passende Partner': a profile's partner suggestions, behind its personal link."""

from dataclasses import replace

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from revier.core.security import personal_link_response
from revier.network import selectors
from revier.network.contact.selectors import contact_requests_between, contact_requests_of
from revier.network.suggestions.selectors import suggestion_list_for, viewer_takes_part
from revier.network.views.profiles import _invalid_link as invalid_link

DONE_MESSAGES = {
    "kontakt": _("Your contact request has been sent. You will get a mail when the person answers."),
}


@require_safe
def suggestions_page(request, token):
    profile = selectors.profile_get_by_token(token=token)
    if profile is None:
        return invalid_link(request)
    suggestions = suggestion_list_for(profile=profile)
    if suggestions:
        states = contact_requests_between(profile=profile)
        suggestions = [replace(s, contact=states.get(s.other.pk, "")) for s in suggestions]
    sent, received = contact_requests_of(profile=profile)
    context = {
        "sent": sent,
        "received": received,
        "profile": profile,
        "token": token,
        "suggestions": suggestions,
        "takes_part": viewer_takes_part(profile),
        "done_message": DONE_MESSAGES.get(request.GET.get("erledigt", "")),
    }
    return personal_link_response(render(request, "network/suggestions/page.html", context))
