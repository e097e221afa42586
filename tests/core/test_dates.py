"""Dates in the page's language (issue 13 §4): German "27. November 2026, 10:00 Uhr", English in
British order with the 24-hour clock "27 November 2026, 10:00" — on pages and in mails; the
machine formats (datetime attributes, iCalendar) stay as they are."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import translation

from revier.core import dates
from tests.factories import EventFactory

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
START = datetime.datetime(2026, 11, 27, 10, 0, tzinfo=BERLIN)
END = datetime.datetime(2026, 11, 27, 17, 30, tzinfo=BERLIN)


@pytest.mark.parametrize("language, when, span, weekday", [
    ("de", "27. November 2026, 10:00 Uhr", "27. November 2026, 10:00–17:30 Uhr", "Freitag, 27. November 2026"),
    ("en", "27 November 2026, 10:00", "27 November 2026, 10:00–17:30", "Friday, 27 November 2026"),
])
def test_dates_in_the_active_language(language, when, span, weekday):
    with translation.override(language):
        assert dates.local_datetime(START.astimezone(datetime.UTC)) == when
        assert dates.local_span(START, END) == span
        assert dates.local_format(START, "WEEKDAY_DATE_FORMAT") == weekday
        rendered = Template('{% load revier %}{{ start|date:"DATETIME_FORMAT" }}|{{ start|local_span:end }}|'
                            '{{ start|local_datetime:"SHORT_DATETIME_FORMAT" }}').render(
            Context({"start": START, "end": END}))
    short = "27.11.2026, 10:00 Uhr" if language == "de" else "27/11/2026, 10:00"
    assert rendered == f"{when.removesuffix(' Uhr')}|{span}|{short}"


def test_dates_across_days_name_both():
    with translation.override("en"):
        assert dates.local_span(START, END + datetime.timedelta(days=1)) == "27 November 2026, 10:00–28 November 2026, 17:30"


@pytest.mark.django_db
@pytest.mark.parametrize("prefix, shown, not_shown", [
    ("", "27. November 2026, 10:00 bis 17:30 Uhr", "27 November 2026"),
    ("/en", "27 November 2026, 10:00 to 17:30", "27. November"),
])
def test_dates_on_the_event_page(client, prefix, shown, not_shown):
    event = EventFactory(starts_at=START, ends_at=END)
    page = client.get(prefix + event.get_absolute_url()).content.decode()
    assert shown in page and not_shown not in page
    assert 'datetime="2026-11-27T10:00:00+0100"' in page  # the machine format is the same in both
    assert "Uhr" not in page if prefix else True


@pytest.mark.django_db
@pytest.mark.parametrize("language, shown", [("de", "24. bis 25. September 2026"), ("en", "24 to 25 September 2026")])
def test_dates_of_a_partner_fair_and_an_article(language, shown):
    from revier.contingents.templatetags.contingents_public import partner_dates
    from revier.news.rendering import long_date
    from tests.factories import ContingentFactory

    contingent = ContingentFactory(partner_event_starts_on=datetime.date(2026, 9, 24),
                                   partner_event_ends_on=datetime.date(2026, 9, 25))
    with translation.override(language):
        assert partner_dates(contingent) == shown
        assert long_date(START) == ("27. November 2026" if language == "de" else "27 November 2026")
