"""Views of the events app. Stubs are being replaced part by part (public, registration, organiser)."""

from django.http import Http404


def event_list(request, *args, **kwargs):
    raise Http404("not built yet")


def event_list_past(request, *args, **kwargs):
    raise Http404("not built yet")


def events_feed_ics(request, *args, **kwargs):
    raise Http404("not built yet")


def resend_link(request, *args, **kwargs):
    raise Http404("not built yet")


def registration_page(request, *args, **kwargs):
    raise Http404("not built yet")


def ticket_page(request, *args, **kwargs):
    raise Http404("not built yet")


def ticket_qr(request, *args, **kwargs):
    raise Http404("not built yet")


def registration_ics(request, *args, **kwargs):
    raise Http404("not built yet")


def speaker_detail(request, *args, **kwargs):
    raise Http404("not built yet")


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


def event_detail(request, *args, **kwargs):
    raise Http404("not built yet")


def register(request, *args, **kwargs):
    raise Http404("not built yet")


def event_ics(request, *args, **kwargs):
    raise Http404("not built yet")


def program_item_ics(request, *args, **kwargs):
    raise Http404("not built yet")
