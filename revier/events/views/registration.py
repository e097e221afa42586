"""Registration and self-service without an account."""

from django.http import Http404


def register(request, *args, **kwargs):
    raise Http404("not built yet")


def registration_page(request, *args, **kwargs):
    raise Http404("not built yet")


def ticket_page(request, *args, **kwargs):
    raise Http404("not built yet")


def ticket_qr(request, *args, **kwargs):
    raise Http404("not built yet")


def registration_ics(request, *args, **kwargs):
    raise Http404("not built yet")


def resend_link(request, *args, **kwargs):
    raise Http404("not built yet")
