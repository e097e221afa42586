"""A URL that fails, for the tests of error logging (tests/core/test_log.py)."""

from django.urls import path


def fails(request):
    raise RuntimeError("a defect")


urlpatterns = [path("fehler/", fails)]
