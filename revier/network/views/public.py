"""Public pages of the network (the directory and profile pages follow, issue 10 section 2)."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from revier.network import selectors

__all__ = ["index", "profile_detail"]


@require_safe
def index(request):
    """The network's landing page: what it is, "Profil anlegen", "Link erneut senden"."""
    return render(request, "network/index.html")


@require_safe
def profile_detail(request, pk: int):
    """A profile's public page (placeholder until the directory is built): only a confirmed, public
    profile that the editorial team has not hidden exists here; e-mail and phone are never shown."""
    profile = selectors.profile_public_get(pk=pk)
    if profile is None:
        raise Http404
    return render(request, "network/profile_detail.html", {"profile": profile})
