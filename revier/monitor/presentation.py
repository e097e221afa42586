"""How the Monitor's pages write figures in German: shares in whole percent, intervals, changes in
points, counts with a thousands point, the one-sentence summary of a chart and the citation line.

Shares are rounded half up to whole percent, as published reports do; a change in points is the
rounded difference of the unrounded shares (so 72.4 % after 73.6 % is "1 Punkt weniger")."""

import math

from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from revier.monitor import charts, weighting
from revier.monitor.selectors import AnswerShare, Figure, TrendRow

NBSP = "\u00a0"
MINUS = "\u2212"


def _whole(value: float) -> int:
    """Half away from zero (Python's round() rounds half to even)."""
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


def percent_number(p: float) -> int:
    return _whole(p * 100)


def percent(p: float | None) -> str:
    """0.724 → "72 %"; None → "–"."""
    if p is None:
        return "–"
    return f"{percent_number(p)}{NBSP}%"


def interval(lo: float | None, hi: float | None) -> str:
    """"69–75 %"."""
    if lo is None or hi is None:
        return "–"
    return f"{percent_number(lo)}–{percent_number(hi)}{NBSP}%"


def thousands(n: int | float | None, decimals: int = 0) -> str:
    """2003 → "2.003"; 1.6234 with decimals=2 → "1,62"."""
    if n is None:
        return "–"
    return number_format(n, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def decimal(value: float | None) -> str:
    """5.0 → "5", 0.2 → "0,2", 1.625 → "1,63": at most two decimals, no trailing zeros."""
    if value is None:
        return "–"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def change_points(change: weighting.Change) -> int:
    return _whole(change.difference * 100)


def points(change: weighting.Change | None) -> str:
    """"+2 Punkte", "−1 Punkt", "±0 Punkte"; "–" without a change."""
    if change is None:
        return "–"
    number = change_points(change)
    sign = "+" if number > 0 else MINUS if number < 0 else "±"
    return ngettext("%(sign)s%(points)s point", "%(sign)s%(points)s points", abs(number)) % {
        "sign": sign, "points": abs(number),
    }


def change_phrase(change: weighting.Change, previous_year: int) -> str:
    """"1 Punkt weniger als 2024", "3 Punkte mehr als 2024", "genauso hoch wie 2024"."""
    number = change_points(change)
    values = {"points": abs(number), "year": previous_year}
    if number > 0:
        return ngettext("%(points)s point more than in %(year)s", "%(points)s points more than in %(year)s", number) % values
    if number < 0:
        return ngettext("%(points)s point less than in %(year)s", "%(points)s points less than in %(year)s", -number) % values
    return gettext("as high as in %(year)s") % values


def top_box_label(question) -> str:
    return question.top_box_label or gettext("agreement")


def summary_sentence(*, question, figure: Figure | None, previous: Figure | None, change: weighting.Change | None,
                     min_cell: int) -> str:
    """"Im Jahr 2025 lag der Anteil „(sehr) zufrieden“ bei 72 % (95-%-Intervall 69–75 %), 1 Punkt
    weniger als 2024." – or what is missing instead."""
    if figure is None:
        return gettext("No result is available for this wave.")
    if not figure.shown:
        return gettext(
            "In %(year)s fewer than %(min)s valid answers were given: the share is not shown."
        ) % {"year": figure.year, "min": min_cell}
    sentence = gettext("In %(year)s the share “%(label)s” was %(share)s (95 %% interval %(interval)s)") % {
        "year": figure.year, "label": top_box_label(question), "share": percent(figure.p),
        "interval": interval(figure.lo, figure.hi),
    }
    if change is not None and previous is not None:
        sentence = gettext("%(sentence)s, %(change)s") % {"sentence": sentence, "change": change_phrase(change, previous.year)}
        if change.clear:
            sentence = gettext("%(sentence)s (clear change)") % {"sentence": sentence}
    return sentence + "."


def group_summary(*, question, groups, group_label: str, year: int) -> str:
    """"Im Jahr 2025 reicht der Anteil „(sehr) zufrieden“ je nach Landkreis oder Stadt von 61 %
    (Burgenlandkreis) bis 78 % (Stadt Leipzig)." """
    shown = [figure for figure in groups if figure.shown]
    if len(shown) < 2:
        return gettext("Too few answers per group to compare the groups.")
    low = min(shown, key=lambda figure: figure.p)
    high = max(shown, key=lambda figure: figure.p)
    return gettext(
        "In %(year)s the share “%(label)s” ranges by %(group)s from %(low)s (%(low_name)s) to %(high)s (%(high_name)s)."
    ) % {
        "year": year, "group": group_label, "label": top_box_label(question), "low": percent(low.p),
        "low_name": low.label, "high": percent(high.p), "high_name": high.label,
    }


def answers_summary(answers) -> str:
    """"Am häufigsten wurde „eher zufrieden“ gewählt (38 %); „weiß nicht / keine Angabe“: 3 %." """
    valid = [answer for answer in answers if answer.side != "missing"]
    if not valid:
        return ""
    most = max(valid, key=lambda answer: answer.share)
    sentence = gettext("The most frequent answer was “%(answer)s” (%(share)s)") % {
        "answer": most.label, "share": percent(most.share),
    }
    missing = [answer for answer in answers if answer.side == "missing"]
    if missing:
        sentence = gettext("%(sentence)s; “%(answer)s”: %(share)s") % {
            "sentence": sentence, "answer": missing[0].label, "share": percent(sum(a.share for a in missing)),
        }
    return sentence + "."


def trend_summary(*, question, rows) -> str:
    """"Von 2020 bis 2025 lag der Anteil „…“ zwischen 52 % und 61 %."""
    shown = [row.figure for row in rows if row.figure.shown]
    if len(shown) < 2:
        return gettext("Only one wave can be shown, so there is no trend yet.")
    return gettext("From %(first)s to %(last)s the share “%(label)s” lay between %(low)s and %(high)s.") % {
        "first": shown[0].year, "last": shown[-1].year, "label": top_box_label(question),
        "low": percent(min(f.p for f in shown)), "high": percent(max(f.p for f in shown)),
    }


def figure_row(figure: Figure) -> dict:
    """A row of a data table: the unweighted n always, the share and interval unless suppressed."""
    return {
        "figure": figure,
        "n": thousands(figure.n),
        "share": percent(figure.p) if figure.shown else "–",
        "interval": interval(figure.lo, figure.hi) if figure.shown else "–",
    }


def citation(*, survey, wave) -> str:
    """"Quelle: Mitteldeutschland-Monitor 2025, n = 2.003, gewichtet; eigene Darstellung"."""
    return gettext("Source: %(survey)s %(year)s, n = %(n)s, weighted; own presentation") % {
        "survey": survey.name, "year": wave.year, "n": thousands(wave.n),
    }


# ---------------------------------------------------------------------------------------------------
# Charts (monitor.charts) from the figures: titles are the figures' captions, descriptions their summaries.


def share_title(*, label: str, group: str, year: int) -> str:
    return gettext("Share “%(label)s” by %(group)s, %(year)s, with 95 %% interval") % {"label": label, "group": group, "year": year}


def answers_title(*, year: int) -> str:
    return gettext(
        "Distribution of all answers, %(year)s (weighted, share of all answers including “don’t know”)"
    ) % {"year": year}


def trend_title(*, label: str, first: int, last: int) -> str:
    return gettext("Share “%(label)s” from %(first)s to %(last)s, with 95 %% interval") % {
        "label": label, "first": first, "last": last,
    }


def _bar(figure: Figure) -> charts.Bar:
    return charts.Bar(label=figure.label, p=figure.p, lo=figure.lo, hi=figure.hi, n=figure.n, suppressed=not figure.shown)


def _point(figure: Figure) -> charts.Point:
    return charts.Point(year=figure.year, p=figure.p, lo=figure.lo, hi=figure.hi, suppressed=not figure.shown)


def bars_svg(figures: list[Figure], *, title: str, description: str, id_prefix: str) -> SafeString:
    """The overall share and every group's, each with its interval."""
    return charts.bars([_bar(figure) for figure in figures], title=title, description=description, id_prefix=id_prefix)


def diverging_svg(answers: tuple[AnswerShare, ...], *, row_label: str, title: str, description: str, id_prefix: str) -> SafeString:
    segments = tuple(charts.Segment(label=answer.label, share=answer.share, side=answer.side) for answer in answers)
    return charts.diverging([charts.StackRow(label=row_label, segments=segments)], title=title, description=description,
                            id_prefix=id_prefix)


def trend_svg(rows: tuple[TrendRow, ...], *, title: str, description: str, id_prefix: str) -> SafeString:
    return charts.trend([_point(row.figure) for row in rows], title=title, description=description, id_prefix=id_prefix)


def sparkline_svg(figures: tuple[Figure, ...], *, title: str, id_prefix: str) -> SafeString:
    return charts.sparkline([_point(figure) for figure in figures], title=title, id_prefix=id_prefix)
