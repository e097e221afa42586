"""Organiser area: registrations table, exports, messages, cancellation, check-in."""

from django.http import Http404


def manage_list(request, *args, **kwargs):
    raise Http404("not built yet")


def manage_registrations(request, *args, **kwargs):
    raise Http404("not built yet")


def manage_registration_detail(request, *args, **kwargs):
    raise Http404("not built yet")


def manage_export(request, *args, **kwargs):
    raise Http404("not built yet")


def manage_message(request, *args, **kwargs):
    raise Http404("not built yet")


def manage_cancel_event(request, *args, **kwargs):
    raise Http404("not built yet")


def check_in(request, *args, **kwargs):
    raise Http404("not built yet")


def check_in_count(request, *args, **kwargs):
    raise Http404("not built yet")
