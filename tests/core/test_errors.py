"""core.errors.DomainError: the German message of the class, or one given; placeholders filled from
keyword arguments."""

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from revier.core.errors import DomainError


class TooMany(DomainError):
    message = _("At most %(limit)d, you have %(count)d.")  # not in a catalogue: stays English


def test_domain_error_message_is_the_class_message_in_german():
    with translation.override("de"):
        assert str(DomainError()) == "Ihre Anfrage konnte nicht abgeschlossen werden."
        assert str(DomainError("Eigene Meldung")) == "Eigene Meldung"


def test_domain_error_fills_placeholders_from_keyword_arguments():
    error = TooMany(limit=5, count=7)
    assert str(error) == error.message == "At most 5, you have 7."


def test_domain_error_with_placeholders_refuses_positional_values():
    with pytest.raises(TypeError):
        TooMany(5)
