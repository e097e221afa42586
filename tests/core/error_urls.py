"""A URL that fails, for the tests of error logging (tests/core/test_log.py) and of the error tracker
(tests/core/test_observability.py: with a personal link's token in the path)."""

from django.urls import path


def fails(request, token=""):
    raise RuntimeError("a defect")


urlpatterns = [path("fehler/", fails), path("fehler/<str:token>/", fails)]
