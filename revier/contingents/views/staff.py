"""Staff area: claims, exports, code import, revoke/re-issue, the lottery draw."""

from django.http import Http404


def manage_list(request, *args, **kwargs):
    raise Http404("not built yet")


def manage_claims(request, *args, **kwargs):
    raise Http404("not built yet")


def manage_claim_detail(request, *args, **kwargs):
    raise Http404("not built yet")


def manage_export(request, *args, **kwargs):
    raise Http404("not built yet")


def partner_export(request, *args, **kwargs):
    raise Http404("not built yet")


def import_codes(request, *args, **kwargs):
    raise Http404("not built yet")


def draw(request, *args, **kwargs):
    raise Http404("not built yet")
