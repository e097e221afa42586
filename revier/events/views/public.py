"""Public pages: event lists, event page with program, speaker pages, calendar files."""

from django.http import Http404


def event_list(request, *args, **kwargs):
    raise Http404("not built yet")


def event_list_past(request, *args, **kwargs):
    raise Http404("not built yet")


def events_feed_ics(request, *args, **kwargs):
    raise Http404("not built yet")


def speaker_detail(request, *args, **kwargs):
    raise Http404("not built yet")


def event_detail(request, *args, **kwargs):
    raise Http404("not built yet")


def event_ics(request, *args, **kwargs):
    raise Http404("not built yet")


def program_item_ics(request, *args, **kwargs):
    raise Http404("not built yet")
