"""The Monitor's charts: server-rendered SVG, written by hand (no chart library, no script, no style attribute).

Every function returns one ``<svg>`` as a SafeString, ready to be placed in a ``<figure>`` (the page adds
the caption, the one-sentence summary and the data table). Shares are fractions 0..1 (as stored in
``Estimate.p``); the charts write them as whole per cent ("61 %", see ``format_percent``).

Layout. The charts must be readable on a 320 px phone and on a 1280 px screen without their text growing or
shrinking with the width, so the outer ``<svg>`` has no viewBox: its user unit is the CSS pixel, it is
``width="100%"`` wide and a fixed number of pixels high, text is set in pixels (12-14 px, monitor.css),
horizontal positions are percentages of the width and vertical ones pixels. Labels stand on their own
line above each bar (wrapped at ``LABEL_CHARS`` characters, which fit into 272 px), values in a column to
the right of the bars. Where a shape needs a polygon or a path (the trend's band and line, the
sparkline), it is drawn in a nested ``<svg>`` with a viewBox of 100 units across and
``preserveAspectRatio="none"``, so its x coordinates are percentages too; its strokes do not scale
(``vector-effect`` in monitor.css).

Accessibility. ``role="img"``, ``<title>`` and ``<desc>`` with ids (``aria-labelledby`` the title,
``aria-describedby`` the description); the ids derive from ``id_prefix`` when given, else from a hash
of the chart's kind, texts and data, so they are the same for the same input and differ between
charts on a page (two identical charts on one page need an ``id_prefix`` each). No information by colour
alone: every value is written as text, intervals are whiskers with end caps or a band with edges,
suppressed groups are hatched, framed and say "zu wenige Antworten", segments of the diverging bar are
separated by white gaps, neighbouring segments differ in lightness, shares are written in the segments
wide enough for them. Colours are CSS classes in ``static/monitor/monitor.css`` (blue-orange, safe for
colour-blind readers; every filled shape has at least 3:1 against white). Only the hatching pattern is a
``fill="url(#…)"`` attribute, because a pattern's id is per chart.

Empty input: each function returns a small SVG with its title and the text "Keine Daten" (never an
empty string), so a figure always has its image.

The diverging bar carries its legend inside the SVG (one line per answer, in the order given), so the
chart stays complete when embedded in an article or printed.
"""

from __future__ import annotations

import hashlib
import math
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Bar:
    """One group's top-box share with its 95 % interval (fractions 0..1)."""

    label: str
    p: float | None
    lo: float | None
    hi: float | None
    n: int
    suppressed: bool


@dataclass(frozen=True)
class Point:
    """One wave of a trend."""

    year: int
    p: float | None
    lo: float | None
    hi: float | None
    suppressed: bool = False


@dataclass(frozen=True)
class Segment:
    """One answer of a distribution: its share of all answers (missing codes included)."""

    label: str
    share: float
    side: str  # "positive" | "neutral" | "negative" | "missing"


@dataclass(frozen=True)
class StackRow:
    label: str
    segments: tuple[Segment, ...]


SIDES = ("positive", "neutral", "negative", "missing")

# Label lines are wrapped at this many characters: at 14 px about 7 px a character, so 34 fit into the
# 272 px a chart has on a 320 px screen.
LABEL_CHARS = 34
LINE = 17  # px from one label line to the next
NARROWEST = 272  # px: the chart's width on a 320 px screen (273 in the Monitor's pages), for deciding which texts fit

# bars: the bar area spans 0..BAR_PLOT % of the width, the values start at BAR_VALUE_X %
BAR_PLOT = 78.0
BAR_VALUE_X = 80.0
BAR_HEIGHT = 20

# trend: gridlines from TREND_GRID_X0 to TREND_GRID_X1 %, the waves between TREND_X0 and TREND_X1 %
TREND_GRID_X0, TREND_GRID_X1 = 11.0, 98.0
TREND_X0, TREND_X1 = 16.0, 92.0
TREND_TOP, TREND_BOTTOM = 34, 204  # px of 100 % and of 0 %
TREND_HEIGHT = 262
TREND_MAX_LABELS = 7  # years (and values) written on the axis at most; more would collide at 320 px

# sparkline: viewBox 0 0 SPARK_W SPARK_H
SPARK_W, SPARK_H = 120, 36

# diverging: the gap between the bar and the missing answers, in % of the width
DIVERGING_GAP = 4.0
SEGMENT_HEIGHT = 24
LEVELS = 4  # shades per side in monitor.css


def format_percent(p: float) -> str:
    """A share 0..1 as whole per cent the German way, "61 %" (half up: 0.605 gives 61)."""
    return f"{math.floor(p * 100 + 0.5 + 1e-9)} %"


def format_count(n: int) -> str:
    """2003 -> "2.003"."""
    return f"{n:,}".replace(",", ".")


def bars(rows: Sequence[Bar], *, title: str, description: str, id_prefix: str | None = None) -> SafeString:
    """Horizontal bars, one per group, with the 95 % interval as a whisker with end caps and the share
    written beside the bar. A suppressed group (or one without answers) is a framed, hatched bar across
    the whole scale that says "zu wenige Antworten (n = …)"."""
    ids = _ids("bars", id_prefix, title, description, rows)
    if not rows:
        return _no_data(ids, title, description)
    not_drawn = [row.label for row in rows if _bar_hidden(row)]
    if not_drawn:
        description = _join(description, _("Too few answers for: %(groups)s.") % {"groups": ", ".join(not_drawn)})
    body = []
    y = 22
    rows_svg = []
    for row in rows:
        lines = _wrap(row.label)
        rows_svg.append(_label(lines, y))
        bar_y = y + LINE * len(lines) + 4
        middle = bar_y + BAR_HEIGHT / 2
        if _bar_hidden(row):
            text = (_("too few answers (n = %(n)s)") % {"n": format_count(row.n)}) if row.n else _("no answers")
            rows_svg.append(
                f'<rect class="monitor-chart__suppressed" x="0" y="{bar_y}" width="{_num(BAR_PLOT)}%" '
                f'height="{BAR_HEIGHT}" fill="url(#{ids.pattern})"/>'
                f'<text class="monitor-chart__note" x="8" y="{_num(middle + 5)}">{escape(text)}</text>'
            )
        else:
            p = _clamp(row.p)
            rows_svg.append(
                f'<rect class="monitor-chart__bar" x="0" y="{bar_y}" width="{_num(p * BAR_PLOT)}%" height="{BAR_HEIGHT}"/>'
            )
            if row.lo is not None and row.hi is not None:
                lo, hi = _clamp(row.lo) * BAR_PLOT, _clamp(row.hi) * BAR_PLOT
                rows_svg.append(_whisker_h(lo, hi, middle))
            rows_svg.append(
                f'<text class="monitor-chart__value" x="{_num(BAR_VALUE_X)}%" y="{_num(middle + 5)}">{format_percent(p)}</text>'
            )
        y = bar_y + BAR_HEIGHT + 14
    height = y - 6
    for k in range(5):
        x = BAR_PLOT * k / 4
        body.append(
            f'<line class="monitor-chart__grid{" monitor-chart__grid--zero" if k == 0 else ""}" '
            f'x1="{_num(x)}%" x2="{_num(x)}%" y1="18" y2="{height}"/>'
        )
        if k % 2 == 0:  # 25 % and 75 % would crowd the scale below 300 px
            anchor = ("start", "middle", "end")[k // 2]
            body.append(f'<text class="monitor-chart__tick" x="{_num(x)}%" y="13" text-anchor="{anchor}">{k * 25} %</text>')
    body.extend(rows_svg)
    defs = _hatch(ids.pattern)
    return _svg("bars", ids, title, description, height, defs + "".join(body))


def trend(points: Sequence[Point], *, title: str, description: str, id_prefix: str | None = None) -> SafeString:
    """The top-box share over the waves: years on the x axis (a year without a wave stays empty and
    breaks the line), 0-100 % on the y axis with gridlines every 25 points, the line through the shares,
    the 95 % interval as a band with edges (a whisker for a point without neighbours), each point marked
    and its share written beside it. Suppressed points are not drawn; the description says which."""
    ids = _ids("trend", id_prefix, title, description, points)
    if not points:
        return _no_data(ids, title, description)
    by_year = {point.year: point for point in points}
    first, last = min(by_year), max(by_year)
    years = list(range(first, last + 1))
    suppressed = [y for y in years if y in by_year and by_year[y].suppressed]
    empty = [y for y in years if y in by_year and not by_year[y].suppressed and by_year[y].p is None]
    no_wave = [y for y in years if y not in by_year]
    notes = []
    if suppressed:
        notes.append(_("Not drawn because there are too few answers: %(years)s.") % {"years": _years(suppressed)})
    if empty:
        notes.append(_("No figures for: %(years)s.") % {"years": _years(empty)})
    if no_wave:
        notes.append(_("No wave in: %(years)s.") % {"years": _years(no_wave)})
    description = _join(description, *notes)

    def x(year):
        if first == last:
            return (TREND_X0 + TREND_X1) / 2
        return TREND_X0 + (year - first) / (last - first) * (TREND_X1 - TREND_X0)

    def y(p):
        return TREND_BOTTOM - _clamp(p) * (TREND_BOTTOM - TREND_TOP)

    drawn = [by_year[year] for year in years if year in by_year and _point_drawn(by_year[year])]
    runs: list[list[Point]] = []  # consecutive years with drawn points
    for point in drawn:
        if runs and runs[-1][-1].year == point.year - 1:
            runs[-1].append(point)
        else:
            runs.append([point])

    step = max(1, math.ceil(len(years) / TREND_MAX_LABELS))
    labelled = years[::step]
    if labelled[-1] != last:  # the last wave is always labelled; the label before it gives way
        labelled[-1] = last
    labelled = set(labelled)

    axis_title = escape(_("Share in %"))
    body = [f'<text class="monitor-chart__tick" x="0" y="14">{axis_title}</text>']
    for k in range(5):
        gy = y(k / 4)
        body.append(
            f'<line class="monitor-chart__grid{" monitor-chart__grid--zero" if k == 0 else ""}" '
            f'x1="{_num(TREND_GRID_X0)}%" x2="{_num(TREND_GRID_X1)}%" y1="{_num(gy)}" y2="{_num(gy)}"/>'
            f'<text class="monitor-chart__tick" x="{_num(TREND_GRID_X0)}%" dx="-6" y="{_num(gy + 4)}" '
            f'text-anchor="end">{k * 25}</text>'
        )
    for year in years:
        if year in labelled:
            body.append(
                f'<text class="monitor-chart__tick" x="{_num(x(year))}%" y="{TREND_BOTTOM + 20}" '
                f'text-anchor="middle">{year}</text>'
            )
    plot = []  # inside the nested svg: x in 0..100, y in px
    for run in runs:
        banded = [p for p in run if p.lo is not None and p.hi is not None]
        if len(banded) == len(run) and len(run) > 1:
            upper = " ".join(f"{_num(x(p.year))},{_num(y(p.hi))}" for p in run)
            lower = " ".join(f"{_num(x(p.year))},{_num(y(p.lo))}" for p in reversed(run))
            plot.append(f'<polygon class="monitor-chart__band" points="{upper} {lower}"/>')
            plot.append(f'<polyline class="monitor-chart__band-edge" points="{upper}"/>')
            plot.append(f'<polyline class="monitor-chart__band-edge" points="{lower}"/>')
        if len(run) > 1:
            plot.append(
                '<polyline class="monitor-chart__line" points="'
                + " ".join(f"{_num(x(p.year))},{_num(y(p.p))}" for p in run)
                + '"/>'
            )
    body.append(
        f'<svg class="monitor-chart__plot" x="0" y="0" width="100%" height="{TREND_HEIGHT}" '
        f'viewBox="0 0 100 {TREND_HEIGHT}" preserveAspectRatio="none">{"".join(plot)}</svg>'
    )
    for run in runs:
        for point in run:
            if len(run) == 1 and point.lo is not None and point.hi is not None:
                body.append(_whisker_v(x(point.year), y(point.lo), y(point.hi)))
    value_labels = {p.year for p in drawn} if len(drawn) <= TREND_MAX_LABELS else labelled
    for point in drawn:
        px, py = x(point.year), y(point.p)
        body.append(f'<circle class="monitor-chart__point" cx="{_num(px)}%" cy="{_num(py)}" r="5"/>')
        if point.year in value_labels:
            # above the point; below a trough (so that neighbours' labels stay apart) and near 100 %
            neighbours = [by_year[year].p for year in (point.year - 1, point.year + 1)
                          if year in by_year and _point_drawn(by_year[year])]
            trough = bool(neighbours) and all(point.p < other for other in neighbours)
            below = point.p >= 0.86 or (trough and point.p >= 0.12)
            ty = py + 21 if below else py - 10
            body.append(
                f'<text class="monitor-chart__value monitor-chart__value--halo" x="{_num(px)}%" y="{_num(ty)}" '
                f'text-anchor="middle">{format_percent(_clamp(point.p))}</text>'
            )
    key_y = TREND_HEIGHT - 10
    share_key, interval_key = escape(_("Share")), escape(_("95 percent interval"))
    body.append(
        f'<line class="monitor-chart__line" x1="0" x2="20" y1="{key_y - 4}" y2="{key_y - 4}"/>'
        f'<circle class="monitor-chart__point" cx="10" cy="{key_y - 4}" r="4"/>'
        f'<text class="monitor-chart__key" x="26" y="{key_y}">{share_key}</text>'
        f'<rect class="monitor-chart__band monitor-chart__band--key" x="104" y="{key_y - 12}" width="20" height="14"/>'
        f'<text class="monitor-chart__key" x="130" y="{key_y}">{interval_key}</text>'
    )
    return _svg("trend", ids, title, description, TREND_HEIGHT, "".join(body))


def sparkline(points: Sequence[Point], *, title: str, id_prefix: str | None = None) -> SafeString:
    """A small line of the shares over the waves for the start page: no axes, no text, the last value
    marked; only a title (which should say what the line shows). The vertical range is the data's,
    widened to at least 20 points (and kept within 0-100 %), so that a change of one point does not
    look like a fall."""
    ids = _ids("sparkline", id_prefix, title, "", points)
    drawn = sorted((p for p in points if _point_drawn(p)), key=lambda p: p.year)
    if not drawn:
        return _no_data(ids, title, None, css="monitor-sparkline")
    low, high = min(p.p for p in drawn), max(p.p for p in drawn)
    if high - low < 0.2:
        middle = (high + low) / 2
        low, high = middle - 0.1, middle + 0.1
        if low < 0:
            low, high = 0.0, 0.2
        if high > 1:
            low, high = 0.8, 1.0
    first, last = drawn[0].year, drawn[-1].year

    def x(year):
        return 60.0 if first == last else 5 + (year - first) / (last - first) * (SPARK_W - 12)

    def y(p):
        return SPARK_H - 4 - (p - low) / (high - low) * (SPARK_H - 8)

    path, previous = [], None
    for point in drawn:
        command = "L" if previous is not None and previous.year == point.year - 1 else "M"
        path.append(f"{command}{_num(x(point.year))} {_num(y(point.p))}")
        previous = point
    end = drawn[-1]
    body = (
        f'<path class="monitor-sparkline__line" d="{" ".join(path)}"/>'
        f'<circle class="monitor-sparkline__last" cx="{_num(x(end.year))}" cy="{_num(y(end.p))}" r="3.5"/>'
    )
    return mark_safe(
        f'<svg class="monitor-sparkline" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{ids.title}" viewBox="0 0 {SPARK_W} {SPARK_H}" width="{SPARK_W}" height="{SPARK_H}">'
        f'<title id="{ids.title}">{escape(title)}</title>{body}</svg>'
    )


def diverging(rows: Sequence[StackRow], *, title: str, description: str, id_prefix: str | None = None) -> SafeString:
    """The distribution of all answers as a diverging stacked bar per row: negative answers to the left
    of a centre line, positive ones to the right, neutral ones split across the centre, the missing
    answers ("weiß nicht / keine Angabe") as a separate bar at the right end. Segments are separated by
    white gaps; each side's shades get darker away from the centre; neutral is framed white, missing
    hatched. A share is written in its segment where the segment is wide enough even at 320 px; the
    legend (one line per answer, in the order given) stands above the bars, inside the SVG."""
    ids = _ids("diverging", id_prefix, title, description, rows)
    for row in rows:
        for segment in row.segments:
            if segment.side not in SIDES:
                raise ValueError(f"Segment side must be one of {SIDES}, not {segment.side!r}")
    if not rows or not any(segment.share > 0 for row in rows for segment in row.segments):
        return _no_data(ids, title, description)
    classes = _segment_classes(rows)
    order = list(classes)  # (side, label), from the left end to the right end, missing last

    def extents(row):
        share = {key: 0.0 for key in order}
        for segment in row.segments:
            share[(segment.side, segment.label)] += max(0.0, segment.share)
        neutral = sum(v for (side, _label), v in share.items() if side == "neutral")
        left = sum(v for (side, _label), v in share.items() if side == "negative") + neutral / 2
        right = sum(v for (side, _label), v in share.items() if side == "positive") + neutral / 2
        missing = sum(v for (side, _label), v in share.items() if side == "missing")
        return share, left, right, missing

    measured = [extents(row) for row in rows]
    max_left = max(m[1] for m in measured)
    max_right = max(m[2] for m in measured)
    max_missing = max(m[3] for m in measured)
    gap = DIVERGING_GAP if max_missing > 0 else 0.0
    scale = (100.0 - gap) / (max_left + max_right + max_missing)  # % of the width per unit of share
    centre = max_left * scale
    missing_x = centre + max_right * scale + gap

    body = []
    y = 4
    # the legend in the order the answers were given (the question's scale order)
    given = list(dict.fromkeys((s.side, s.label) for row in rows for s in row.segments))
    for side, label in given:
        css = classes[(side, label)]
        fill = f' fill="url(#{ids.pattern})"' if side == "missing" else ""
        for k, line in enumerate(_wrap(label, LABEL_CHARS - 3)):
            if k == 0:
                body.append(
                    f'<rect class="monitor-chart__seg {css}" x="1" y="{y + 1}" width="14" height="14"{fill}/>'
                )
            body.append(f'<text class="monitor-chart__key" x="22" y="{y + 13}">{escape(line)}</text>')
            y += LINE + 2
    y += 10
    for row, (share, left, _right, _missing) in zip(rows, measured):
        lines = _wrap(row.label)
        body.append(_label(lines, y))
        bar_y = y + LINE * len(lines) + 4
        # behind the segments, so it shows as a tick above and below the bar and never crosses a share
        body.append(
            f'<line class="monitor-chart__centre" x1="{_num(centre)}%" x2="{_num(centre)}%" '
            f'y1="{bar_y - 5}" y2="{bar_y + SEGMENT_HEIGHT + 5}"/>'
        )
        x = centre - left * scale
        for key in order:
            side = key[0]
            width = share[key] * scale
            if side == "missing":
                continue
            if width > 0:
                body.append(_segment(x, width, bar_y, classes[key], share[key], ids, side))
            x += width
        x = missing_x
        for key in order:
            if key[0] == "missing" and share[key] > 0:
                width = share[key] * scale
                body.append(_segment(x, width, bar_y, classes[key], share[key], ids, "missing"))
                x += width
        y = bar_y + SEGMENT_HEIGHT + 16
    height = y - 6
    return _svg("diverging", ids, title, description, height, _hatch(ids.pattern) + "".join(body))


# --- helpers ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Ids:
    title: str
    desc: str
    pattern: str


def _ids(kind: str, id_prefix: str | None, title: str, description: str, data) -> _Ids:
    if id_prefix:
        prefix = re.sub(r"[^A-Za-z0-9_-]", "-", id_prefix)
        if not prefix[0].isalpha():
            prefix = "c" + prefix
    else:
        digest = hashlib.sha1(repr((kind, title, description, tuple(data))).encode()).hexdigest()[:10]
        prefix = f"monitor-{kind}-{digest}"
    return _Ids(title=f"{prefix}-title", desc=f"{prefix}-desc", pattern=f"{prefix}-hatch")


def _svg(kind: str, ids: _Ids, title: str, description: str, height: float, body: str) -> SafeString:
    return mark_safe(
        f'<svg class="monitor-chart monitor-chart--{kind}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{ids.title}" aria-describedby="{ids.desc}" width="100%" height="{_num(height)}">'
        f'<title id="{ids.title}">{escape(title)}</title><desc id="{ids.desc}">{escape(description)}</desc>'
        f"{body}</svg>"
    )


def _no_data(ids: _Ids, title: str, description: str | None, css: str = "monitor-chart") -> SafeString:
    text = escape(_("No data"))
    if description is None:  # the sparkline: a title only
        return mark_safe(
            f'<svg class="{css}" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{ids.title}" '
            f'viewBox="0 0 {SPARK_W} {SPARK_H}" width="{SPARK_W}" height="{SPARK_H}">'
            f'<title id="{ids.title}">{escape(title)} – {text}</title>'
            f'<text class="monitor-chart__note" x="0" y="{SPARK_H // 2 + 5}">{text}</text></svg>'
        )
    return _svg("empty", ids, title, _join(description, _("No data") + "."), 32,
                f'<text class="monitor-chart__note" x="0" y="20">{text}</text>')


def _hatch(pattern_id: str) -> str:
    return (
        f'<defs><pattern id="{pattern_id}" width="8" height="8" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect class="monitor-chart__hatch-ground" width="8" height="8"/>'
        f'<line class="monitor-chart__hatch" x1="0" y1="0" x2="0" y2="8"/></pattern></defs>'
    )


def _segment(x: float, width: float, y: float, css: str, share: float, ids: _Ids, side: str) -> str:
    fill = f' fill="url(#{ids.pattern})"' if side == "missing" else ""
    out = (
        f'<rect class="monitor-chart__seg {css}" x="{_num(x)}%" y="{y}" width="{_num(width)}%" '
        f'height="{SEGMENT_HEIGHT}"{fill}/>'
    )
    text = format_percent(share)
    if width / 100 * NARROWEST >= _text_width(text) + 6:
        halo = " monitor-chart__value--halo" if side == "missing" else ""
        out += (
            f'<text class="monitor-chart__segtext {css}-text{halo}" x="{_num(x + width / 2)}%" '
            f'y="{y + SEGMENT_HEIGHT / 2 + 5:g}" text-anchor="middle">{text}</text>'
        )
    return out


def _segment_classes(rows: Sequence[StackRow]) -> dict[tuple[str, str], str]:
    """Each answer's CSS class, keyed by (side, label), in drawing order from the left end: negative
    answers from the extreme to the centre, neutral ones, positive ones from the centre outwards, then
    the missing ones. Shades are numbered from the centre (1, lightest) outwards, spread over LEVELS."""
    given = list(dict.fromkeys((s.side, s.label) for row in rows for s in row.segments))
    positive = [key for key in given if key[0] == "positive"]
    negative = [key for key in given if key[0] == "negative"]
    # Scales are given from one end to the other; whichever side comes first is read from its extreme.
    positive_first = not negative or (positive and given.index(positive[0]) < given.index(negative[0]))
    positive_out = list(reversed(positive)) if positive_first else positive
    negative_out = negative if positive_first else list(reversed(negative))
    classes = {}
    for key, level in zip(reversed(negative_out), reversed(_levels(len(negative_out)))):
        classes[key] = f"monitor-chart__seg--negative-{level}"
    for key in given:
        if key[0] == "neutral":
            classes[key] = "monitor-chart__seg--neutral"
    for key, level in zip(positive_out, _levels(len(positive_out))):
        classes[key] = f"monitor-chart__seg--positive-{level}"
    for key in given:
        if key[0] == "missing":
            classes[key] = "monitor-chart__seg--missing"
    return classes


def _levels(count: int) -> list[int]:
    """Shades for `count` segments from the centre outwards, as far apart as LEVELS allow."""
    if count == 0:
        return []
    if count == 1:
        return [2]
    if count <= LEVELS:
        return [1 + round(i * (LEVELS - 1) / (count - 1)) for i in range(count)]
    return [1 + i % LEVELS if (i // LEVELS) % 2 == 0 else LEVELS - i % LEVELS for i in range(count)]


def _whisker_h(lo: float, hi: float, y: float) -> str:
    return (
        f'<line class="monitor-chart__whisker" x1="{_num(lo)}%" x2="{_num(hi)}%" y1="{_num(y)}" y2="{_num(y)}"/>'
        f'<line class="monitor-chart__whisker monitor-chart__whisker--cap" x1="{_num(lo)}%" x2="{_num(lo)}%" '
        f'y1="{_num(y - 7)}" y2="{_num(y + 7)}"/>'
        f'<line class="monitor-chart__whisker monitor-chart__whisker--cap" x1="{_num(hi)}%" x2="{_num(hi)}%" '
        f'y1="{_num(y - 7)}" y2="{_num(y + 7)}"/>'
    )


def _whisker_v(x: float, y_lo: float, y_hi: float) -> str:
    # The caps are 12 px wide around a position in per cent: a nested svg puts its origin there.
    return (
        f'<svg x="{_num(x)}%" y="0" width="1" height="1" overflow="visible">'
        f'<line class="monitor-chart__whisker" x1="0" x2="0" y1="{_num(y_lo)}" y2="{_num(y_hi)}"/>'
        f'<line class="monitor-chart__whisker monitor-chart__whisker--cap" x1="-6" x2="6" y1="{_num(y_lo)}" y2="{_num(y_lo)}"/>'
        f'<line class="monitor-chart__whisker monitor-chart__whisker--cap" x1="-6" x2="6" y1="{_num(y_hi)}" y2="{_num(y_hi)}"/>'
        "</svg>"
    )


def _text_width(percent: str) -> float:
    """The width in px of a share such as "61 %" in the segments' 13 px bold figures, generously."""
    return 7.5 * (len(percent) - 2) + 14


def _label(lines: list[str], y: float) -> str:
    return "".join(
        f'<text class="monitor-chart__label" x="0" y="{_num(y + 14 + LINE * k)}">{escape(line)}</text>'
        for k, line in enumerate(lines)
    )


def _wrap(label: str, width: int = LABEL_CHARS) -> list[str]:
    return textwrap.wrap(label, width, break_long_words=False, break_on_hyphens=True) or [""]


def _bar_hidden(row: Bar) -> bool:
    return row.suppressed or row.p is None


def _point_drawn(point: Point) -> bool:
    return not point.suppressed and point.p is not None


def _clamp(p: float) -> float:
    return min(1.0, max(0.0, p))


def _num(value: float) -> str:
    """A coordinate with at most three decimals, without trailing zeros."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _years(years: list[int]) -> str:
    return ", ".join(str(year) for year in years)


def _join(*sentences: str) -> str:
    return " ".join(s.strip() for s in sentences if s and s.strip())
