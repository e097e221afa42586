"""The network's landing page (the directory and the profile pages: views/directory.py)."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

__all__ = ["index"]


@require_safe
def index(request):
    """The network's landing page: what it is, "Profil anlegen", "Link erneut senden"."""
    return render(request, "network/index.html")
