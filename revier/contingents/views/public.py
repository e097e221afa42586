"""Public pages: contingent list and page with the claim form, personal link, draw protocol."""

from django.http import Http404


def contingent_list(request, *args, **kwargs):
    raise Http404("not built yet")


def contingent_detail(request, *args, **kwargs):
    raise Http404("not built yet")


def claim_page(request, *args, **kwargs):
    raise Http404("not built yet")


def resend_link(request, *args, **kwargs):
    raise Http404("not built yet")


def draw_protocol(request, *args, **kwargs):
    raise Http404("not built yet")
