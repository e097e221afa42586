"""Dates and times in the language of the page or mail: German "27. November 2026, 10:00 Uhr",
English (British order, 24-hour clock) "27 November 2026, 10:00". The patterns live in the format
modules (revier/formats/<language>/formats.py, settings.FORMAT_MODULE_PATH); templates use Django's
names with the `date` filter (`|date:"DATETIME_FORMAT"`) or the filters in core.templatetags.revier
for a time of day with its "Uhr" (`|local_datetime`, `|local_span:end`) and the house's own names.
iCalendar, RSS and `datetime` attributes keep their fixed machine formats."""

import datetime
import functools

from django.utils import dateformat, formats, timezone
from django.utils.translation import get_language


def pattern(name: str) -> str:
    """The active language's pattern `name` from the format modules."""
    return _pattern(get_language(), name)


@functools.lru_cache(maxsize=256)
def _pattern(language: str | None, name: str) -> str:
    # The format modules do not change while the process runs: looked up once per language and name.
    for module in formats.get_format_modules(language):
        pattern = getattr(module, name, None)
        if pattern is not None:
            return pattern
    return formats.get_format(name, language)


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def local_format(value, name: str) -> str:
    """`value` (a date, or a datetime shown in settings.TIME_ZONE) in the active language's format
    `name`: one of Django's (DATE_FORMAT …) or the house's (WEEKDAY_DATETIME_FORMAT …)."""
    if value in (None, ""):
        return ""
    return dateformat.format(_local(value), pattern(name))


def time_suffix() -> str:
    """What follows a time of day: " Uhr" in German, nothing in English."""
    return pattern("TIME_SUFFIX")


def local_datetime(value, name: str = "DATETIME_FORMAT") -> str:
    """ "27. November 2026, 10:00 Uhr" / "27 November 2026, 10:00": `value` in the format `name`
    (one that ends with the time of day) and the time's suffix."""
    if value in (None, ""):
        return ""
    return local_format(value, name) + time_suffix()


def local_span(start, end) -> str:
    """ "27. November 2026, 10:00–11:00 Uhr" / "27 November 2026, 10:00–11:00" (a slot); the end
    with its date when it is on another day."""
    if not start:
        return ""
    if not end:
        return local_datetime(start)
    same_day = _local(start).date() == _local(end).date() if isinstance(end, datetime.datetime) else True
    end_text = local_format(end, "TIME_FORMAT" if same_day else "DATETIME_FORMAT")
    return f"{local_format(start, 'DATETIME_FORMAT')}–{end_text}{time_suffix()}"
