"""revier/monitor/charts.py: the server-rendered SVG charts (issue 11 §3).

Each chart is parsed as XML and checked for its accessible frame (role, title, description, ids), the
absence of style attributes (strict CSP), escaping, values written as text, and its geometry: bar lengths
proportional to the shares, whiskers at the interval's ends, the trend's points and band at their
heights, the diverging bar's sides around the centre. A minimal HTML5 page with all four charts goes
through the Nu Html Checker.
"""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.utils import translation

from revier.monitor import charts
from revier.monitor.charts import Bar, Point, Segment, StackRow, bars, diverging, format_percent, sparkline, trend

SVG = "{http://www.w3.org/2000/svg}"
CSS = Path(charts.__file__).parent / "static" / "monitor" / "monitor.css"


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def parse(svg) -> ET.Element:
    root = ET.fromstring(str(svg))
    assert root.tag == f"{SVG}svg"
    return root


def find(root, tag, css_class=None):
    return [
        e for e in root.iter(f"{SVG}{tag}")
        if css_class is None or css_class in (e.get("class") or "").split()
    ]


def texts(root) -> list[str]:
    return ["".join(e.itertext()) for e in root.iter(f"{SVG}text")]


def pct(value: str) -> float:
    assert value.endswith("%"), value
    return float(value[:-1])


BARS = [
    Bar("Stadt Leipzig", 0.61, 0.57, 0.65, 412, False),
    Bar("Landkreis Leipzig", 0.473, 0.41, 0.536, 230, False),
    Bar("Altenburger Land", None, None, None, 12, True),
    Bar("Nordsachsen", 0.0, 0.0, 0.08, 40, False),
]
POINTS = [
    Point(2020, 0.61, 0.58, 0.64),
    Point(2021, 0.55, 0.53, 0.57),
    Point(2022, 0.52, 0.50, 0.54),
    Point(2023, None, None, None, suppressed=True),
    Point(2024, 0.50, 0.47, 0.53),
    Point(2025, 0.48, 0.45, 0.51),
]
LIKERT = ("stimme voll und ganz zu", "stimme eher zu", "teils/teils", "stimme eher nicht zu", "stimme überhaupt nicht zu")
ROWS = [
    StackRow("Insgesamt", (
        Segment(LIKERT[0], 0.30, "positive"), Segment(LIKERT[1], 0.25, "positive"), Segment(LIKERT[2], 0.20, "neutral"),
        Segment(LIKERT[3], 0.10, "negative"), Segment(LIKERT[4], 0.10, "negative"),
        Segment("weiß nicht / keine Angabe", 0.05, "missing"),
    )),
    StackRow("Sachsen-Anhalt", (
        Segment(LIKERT[0], 0.10, "positive"), Segment(LIKERT[1], 0.20, "positive"), Segment(LIKERT[2], 0.30, "neutral"),
        Segment(LIKERT[3], 0.25, "negative"), Segment(LIKERT[4], 0.12, "negative"),
        Segment("weiß nicht / keine Angabe", 0.03, "missing"),
    )),
]


def all_charts():
    return {
        "bars": bars(BARS, title="Zustimmung nach Kreis", description="Anteil mit Intervall."),
        "trend": trend(POINTS, title="Zustimmung 2020–2025", description="Verlauf."),
        "sparkline": sparkline(POINTS, title="Zustimmung 2020–2025, zuletzt 48 %"),
        "diverging": diverging(ROWS, title="Verteilung der Antworten", description="Alle Antworten."),
    }


@pytest.mark.parametrize("kind", ["bars", "trend", "sparkline", "diverging"])
def test_chart_is_an_accessible_svg_without_style_attributes(kind):
    svg = all_charts()[kind]
    root = parse(svg)
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and title.get("id") and title.text
    assert root.get("aria-labelledby") == title.get("id")
    assert list(root)[0] is title  # the title comes first, as assistive technology expects
    if kind == "sparkline":
        assert root.find(f"{SVG}desc") is None and root.get("aria-describedby") is None
        assert root.get("viewBox")
    else:
        desc = root.find(f"{SVG}desc")
        assert desc is not None and desc.get("id") and desc.text
        assert root.get("aria-describedby") == desc.get("id")
        assert root.get("width") == "100%" and float(root.get("height")) > 50
    assert not [e for e in root.iter() if "style" in e.attrib], "a style attribute breaks the CSP"
    assert not list(root.iter(f"{SVG}style")) and not list(root.iter(f"{SVG}script"))
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    for e in root.iter():  # every reference to a pattern points into the same chart
        if (e.get("fill") or "").startswith("url("):
            assert re.fullmatch(r"url\(#(.+)\)", e.get("fill")).group(1) in ids


@pytest.mark.parametrize("kind", ["bars", "trend", "sparkline", "diverging"])
def test_chart_classes_are_styled_in_monitor_css(kind):
    css = CSS.read_text()
    classes = {c for e in parse(all_charts()[kind]).iter() for c in (e.get("class") or "").split()}
    assert classes
    modifiers = {"monitor-chart--bars", "monitor-chart--trend", "monitor-chart--diverging"}  # hooks for pages
    unstyled = [c for c in classes - modifiers if not re.search(rf"\.{re.escape(c)}\b(?!-)", css)]
    assert unstyled == []


def test_chart_ids_are_deterministic_and_differ_between_charts():
    first, again = all_charts(), all_charts()
    assert first == again
    ids = [parse(svg).find(f"{SVG}title").get("id") for svg in first.values()]
    assert len(set(ids)) == 4
    other = bars(BARS[:1], title="Zustimmung nach Kreis", description="Anteil mit Intervall.")
    assert parse(other).find(f"{SVG}title").get("id") not in ids
    given = parse(bars(BARS, title="x", description="y", id_prefix="frage 3"))
    assert given.find(f"{SVG}title").get("id") == "frage-3-title"
    assert given.find(f"{SVG}desc").get("id") == "frage-3-desc"


@pytest.mark.parametrize("kind", ["bars", "trend", "sparkline", "diverging"])
def test_chart_escapes_labels_and_title(kind):
    evil = '<script>alert("x")</script> & Co'
    if kind == "bars":
        svg = bars([Bar(evil, 0.5, 0.4, 0.6, 100, False), Bar(evil + " 2", None, None, None, 3, True)], title=evil, description=evil)
    elif kind == "trend":
        svg = trend(POINTS, title=evil, description=evil)
    elif kind == "sparkline":
        svg = sparkline(POINTS, title=evil)
    else:
        svg = diverging([StackRow(evil, (Segment(evil, 0.6, "positive"), Segment("b", 0.4, "negative")))], title=evil, description=evil)
    assert "<script" not in svg and "&lt;script&gt;" in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text.startswith(evil)
    if kind in ("bars", "diverging"):
        assert evil in texts(root)


def test_bars_lengths_are_proportional_to_the_share_and_values_written():
    root = parse(bars(BARS, title="t", description="d"))
    drawn = find(root, "rect", "monitor-chart__bar")
    assert [pct(r.get("width")) for r in drawn] == pytest.approx([0.61 * charts.BAR_PLOT, 0.473 * charts.BAR_PLOT, 0.0])
    assert all(r.get("x") == "0" for r in drawn)
    assert pct(drawn[0].get("width")) / pct(drawn[1].get("width")) == pytest.approx(0.61 / 0.473, rel=1e-3)
    shown = texts(root)
    for value in ("61 %", "47 %", "0 %"):
        assert value in shown
    values = find(root, "text", "monitor-chart__value")
    assert [("".join(v.itertext())) for v in values] == ["61 %", "47 %", "0 %"]
    # the value stands beside its bar: same row
    for bar, value in zip(drawn, values):
        assert float(bar.get("y")) < float(value.get("y")) <= float(bar.get("y")) + float(bar.get("height"))
    for label in ("Stadt Leipzig", "Landkreis Leipzig", "Altenburger Land", "Nordsachsen"):
        assert label in shown
    assert [t for t in shown if t.endswith(" %")][:3] == ["0 %", "50 %", "100 %"]  # the scale ...
    grid = find(root, "line", "monitor-chart__grid")  # ... with gridlines every 25 points
    assert [pct(g.get("x1")) for g in grid] == pytest.approx([charts.BAR_PLOT * k / 4 for k in range(5)])


def test_bars_whiskers_span_the_interval_with_end_caps():
    root = parse(bars(BARS, title="t", description="d"))
    spans = [w for w in find(root, "line", "monitor-chart__whisker") if "monitor-chart__whisker--cap" not in w.get("class")]
    assert [(pct(w.get("x1")), pct(w.get("x2"))) for w in spans] == [
        pytest.approx((0.57 * charts.BAR_PLOT, 0.65 * charts.BAR_PLOT)),
        pytest.approx((0.41 * charts.BAR_PLOT, 0.536 * charts.BAR_PLOT)),
        pytest.approx((0.0, 0.08 * charts.BAR_PLOT)),
    ]
    caps = find(root, "line", "monitor-chart__whisker--cap")
    assert len(caps) == 2 * len(spans)
    for span, (left, right) in zip(spans, zip(caps[::2], caps[1::2])):
        assert left.get("x1") == left.get("x2") == span.get("x1")
        assert right.get("x1") == right.get("x2") == span.get("x2")
        assert float(left.get("y1")) < float(span.get("y1")) < float(left.get("y2"))


def test_bars_suppressed_group_is_hatched_and_says_too_few_answers():
    root = parse(bars(BARS, title="t", description="Anteil."))
    suppressed = find(root, "rect", "monitor-chart__suppressed")
    assert len(suppressed) == 1
    assert pct(suppressed[0].get("width")) == charts.BAR_PLOT  # across the whole scale, not a value
    pattern = root.find(f"{SVG}defs/{SVG}pattern")
    assert suppressed[0].get("fill") == f"url(#{pattern.get('id')})"
    assert "zu wenige Antworten (n = 12)" in texts(root)
    assert len(find(root, "rect", "monitor-chart__bar")) == 3  # no bar drawn for it
    assert root.find(f"{SVG}desc").text == "Anteil. Zu wenige Antworten für: Altenburger Land."
    # a group without any answer is drawn the same way
    empty = parse(bars([Bar("Saalekreis", None, None, None, 0, False)], title="t", description="d"))
    assert len(find(empty, "rect", "monitor-chart__suppressed")) == 1 and "keine Antworten" in texts(empty)


def test_bars_long_labels_wrap_above_the_bar():
    label = "Hochschulabschluss oder vergleichbarer Abschluss einer Fachschule"
    root = parse(bars([Bar(label, 0.4, 0.3, 0.5, 100, False)], title="t", description="d"))
    lines = [e for e in find(root, "text", "monitor-chart__label")]
    assert len(lines) > 1 and all(len("".join(e.itertext())) <= charts.LABEL_CHARS for e in lines)
    assert " ".join("".join(e.itertext()) for e in lines) == label
    bar = find(root, "rect", "monitor-chart__bar")[0]
    assert all(float(e.get("y")) < float(bar.get("y")) for e in lines)


@pytest.mark.parametrize("function", [bars, trend, diverging])
def test_chart_without_data_says_no_data(function):
    root = parse(function([], title="Leer", description="Noch nichts."))
    assert "Keine Daten" in texts(root)
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == "Leer"
    assert root.find(f"{SVG}desc").text == "Noch nichts. Keine Daten."


def test_sparkline_without_drawable_points_says_no_data():
    for points in ([], [Point(2024, None, None, None, suppressed=True)]):
        root = parse(sparkline(points, title="Zufriedenheit"))
        assert root.find(f"{SVG}title").text == "Zufriedenheit – Keine Daten"
        assert not find(root, "path")


def trend_y(p):
    return charts.TREND_BOTTOM - p * (charts.TREND_BOTTOM - charts.TREND_TOP)


def test_trend_points_at_their_share_with_values_and_suppressed_wave_left_out():
    root = parse(trend(POINTS, title="t", description="Verlauf."))
    circles = [c for c in find(root, "circle", "monitor-chart__point") if c.get("cx").endswith("%")]
    assert len(circles) == 5  # 2023 is suppressed
    xs = [pct(c.get("cx")) for c in circles]
    step = (charts.TREND_X1 - charts.TREND_X0) / 5
    assert xs == pytest.approx([charts.TREND_X0 + k * step for k in (0, 1, 2, 4, 5)])  # 2023's place stays empty
    assert [float(c.get("cy")) for c in circles] == pytest.approx([trend_y(p) for p in (0.61, 0.55, 0.52, 0.50, 0.48)], abs=1e-3)
    shown = texts(root)
    for value in ("61 %", "55 %", "52 %", "50 %", "48 %"):
        assert value in shown
    for year in range(2020, 2026):
        assert str(year) in shown
    assert root.find(f"{SVG}desc").text == "Verlauf. Nicht eingezeichnet, weil zu wenige Antworten vorliegen: 2023."
    # the line breaks at the gap: one line for 2020–2022, one for 2024–2025
    lines = find(root, "polyline", "monitor-chart__line")
    assert [len(line.get("points").split()) for line in lines] == [3, 2]


def test_trend_gridlines_every_25_points_and_band_from_lo_to_hi():
    root = parse(trend(POINTS, title="t", description="d"))
    grid = find(root, "line", "monitor-chart__grid")
    assert sorted(float(g.get("y1")) for g in grid) == pytest.approx(sorted(trend_y(k / 4) for k in range(5)))
    plot = root.find(f"{SVG}svg")
    assert plot.get("viewBox") == f"0 0 100 {charts.TREND_HEIGHT}" and plot.get("preserveAspectRatio") == "none"
    bands = find(plot, "polygon", "monitor-chart__band")
    assert len(bands) == 2
    corners = [tuple(map(float, pair.split(","))) for pair in bands[0].get("points").split()]
    step = (charts.TREND_X1 - charts.TREND_X0) / 5
    expected = [(charts.TREND_X0 + k * step, trend_y(hi)) for k, hi in enumerate((0.64, 0.57, 0.54))]
    expected += [(charts.TREND_X0 + k * step, trend_y(lo)) for k, lo in reversed(list(enumerate((0.58, 0.53, 0.50))))]
    assert corners == [pytest.approx(c, abs=1e-3) for c in expected]


def test_trend_missing_wave_and_single_point():
    root = parse(trend([Point(2020, 0.4, 0.35, 0.45), Point(2022, 0.45, 0.4, 0.5)], title="t", description="d"))
    assert "Keine Befragungswelle in: 2021." in root.find(f"{SVG}desc").text
    assert not find(root, "polygon")  # no neighbours: no band, no line ...
    assert not find(root, "polyline", "monitor-chart__line")
    spans = [w for w in find(root, "line", "monitor-chart__whisker") if "monitor-chart__whisker--cap" not in w.get("class")]
    assert [(float(w.get("y1")), float(w.get("y2"))) for w in spans] == [  # ... but whiskers for the interval
        pytest.approx((trend_y(0.35), trend_y(0.45))), pytest.approx((trend_y(0.40), trend_y(0.50)))
    ]
    single = parse(trend([Point(2025, 0.72, 0.69, 0.75)], title="t", description="d"))
    circle = [c for c in find(single, "circle", "monitor-chart__point") if c.get("cx").endswith("%")]
    assert pct(circle[0].get("cx")) == pytest.approx((charts.TREND_X0 + charts.TREND_X1) / 2)
    assert "72 %" in texts(single)


def test_trend_many_waves_label_every_other_year_but_the_last():
    points = [Point(year, 0.5, 0.45, 0.55) for year in range(2010, 2026)]
    root = parse(trend(points, title="t", description="d"))
    years = [t for t in texts(root) if re.fullmatch(r"20\d\d", t)]
    assert "2010" in years and "2025" in years and len(years) <= charts.TREND_MAX_LABELS
    assert len([t for t in texts(root) if t == "50 %"]) == len(years)


def test_trend_value_label_below_a_trough_above_otherwise():
    points = [Point(2020, 0.6, 0.55, 0.65), Point(2021, 0.4, 0.35, 0.45), Point(2022, 0.5, 0.45, 0.55), Point(2023, 0.95, 0.9, 0.97)]
    root = parse(trend(points, title="t", description="d"))
    circles = [c for c in find(root, "circle", "monitor-chart__point") if c.get("cx").endswith("%")]
    labels = find(root, "text", "monitor-chart__value")
    below = [float(t.get("y")) > float(c.get("cy")) for c, t in zip(circles, labels)]
    assert below == [False, True, False, True]  # 2021 is a trough, 2023 near the top


def test_sparkline_marks_the_last_drawn_value():
    root = parse(sparkline(POINTS + [Point(2026, None, None, None, suppressed=True)], title="t"))
    path = find(root, "path", "monitor-sparkline__line")[0].get("d")
    assert path.count("M") == 2 and path.count("L") == 3  # broken at 2023
    last = find(root, "circle", "monitor-sparkline__last")
    assert len(last) == 1
    last_point = re.findall(r"[ML]([\d.]+) ([\d.]+)", path)[-1]
    assert (last[0].get("cx"), last[0].get("cy")) == last_point
    assert not list(root.iter(f"{SVG}text"))  # no axes, no labels
    # the lowest share lies lowest
    ys = [float(y) for _x, y in re.findall(r"[ML]([\d.]+) ([\d.]+)", path)]
    assert ys.index(max(ys)) == 4  # 2025: 48 %


def diverging_segments(root):
    segments = []
    for rect in find(root, "rect", "monitor-chart__seg"):
        if rect.get("x").endswith("%"):  # not a legend swatch
            segments.append((rect.get("class").split()[1], pct(rect.get("x")), pct(rect.get("width")), float(rect.get("y"))))
    return segments


def test_diverging_sides_around_the_centre_and_missing_apart():
    root = parse(diverging(ROWS, title="t", description="d"))
    centre = {pct(line.get("x1")) for line in find(root, "line", "monitor-chart__centre")}
    assert len(centre) == 1
    centre = centre.pop()
    segments = diverging_segments(root)
    first_row = [s for s in segments if s[3] == segments[0][3]]
    assert [s[0] for s in first_row] == [
        "monitor-chart__seg--negative-4", "monitor-chart__seg--negative-1", "monitor-chart__seg--neutral",
        "monitor-chart__seg--positive-1", "monitor-chart__seg--positive-4", "monitor-chart__seg--missing",
    ]
    # widths proportional to the shares (one scale for all rows)
    scale = first_row[0][2] / 0.10
    assert [s[2] for s in first_row] == pytest.approx([scale * v for v in (0.10, 0.10, 0.20, 0.25, 0.30, 0.05)], abs=2e-3)
    second_row = [s for s in segments if s[3] != segments[0][3]]
    assert [s[2] for s in second_row] == pytest.approx([scale * v for v in (0.12, 0.25, 0.30, 0.20, 0.10, 0.03)], abs=2e-3)
    for row in (first_row, second_row):
        negatives, neutral, positives, missing = row[:2], row[2], row[3:5], row[5]
        assert negatives[-1][1] + negatives[-1][2] == pytest.approx(neutral[1], abs=2e-3)  # touching, in order
        assert neutral[1] + neutral[2] / 2 == pytest.approx(centre, abs=2e-3)  # neutral split across the centre
        assert positives[0][1] == pytest.approx(neutral[1] + neutral[2], abs=2e-3)
        assert missing[1] >= positives[1][1] + positives[1][2] + charts.DIVERGING_GAP - 1e-6  # apart at the right
    # the widest row fills the width: left end at 0 %, missing bar ends within 100 %
    assert min(s[1] for s in segments) == pytest.approx(0)
    assert max(s[1] + s[2] for s in segments) <= 100 + 1e-6
    missing = [s for s in segments if s[0].endswith("missing")]
    pattern = root.find(f"{SVG}defs/{SVG}pattern").get("id")
    assert all(r.get("fill") == f"url(#{pattern})" for r in find(root, "rect", "monitor-chart__seg--missing"))
    assert len(missing) == 2


def test_diverging_shares_written_where_wide_enough_and_legend_lists_every_answer():
    root = parse(diverging(ROWS, title="t", description="d"))
    shown = texts(root)
    for label in (*LIKERT, "weiß nicht / keine Angabe", "Insgesamt", "Sachsen-Anhalt"):
        assert label in shown
    assert shown.index(LIKERT[0]) < shown.index(LIKERT[4]) < shown.index("Insgesamt")  # legend first, in the order given
    values = ["".join(t.itertext()) for t in find(root, "text", "monitor-chart__segtext")]
    assert values == ["20 %", "25 %", "30 %", "25 %", "30 %", "20 %"]  # 10 %, 12 %, 5 % and 3 % are too narrow at 320 px
    for text in find(root, "text", "monitor-chart__segtext"):
        # in the middle of its segment, dark text on the light shades, light on the dark
        assert text.get("text-anchor") == "middle"


def test_diverging_orders_a_scale_given_from_the_negative_end():
    row = StackRow("Alle", (
        Segment("sehr schlecht", 0.1, "negative"), Segment("schlecht", 0.2, "negative"),
        Segment("gut", 0.3, "positive"), Segment("sehr gut", 0.4, "positive"),
    ))
    segments = diverging_segments(parse(diverging([row], title="t", description="d")))
    assert [s[0] for s in segments] == [
        "monitor-chart__seg--negative-4", "monitor-chart__seg--negative-1",
        "monitor-chart__seg--positive-1", "monitor-chart__seg--positive-4",
    ]
    assert [s[2] for s in segments] == pytest.approx([100 * v for v in (0.1, 0.2, 0.3, 0.4)])


def test_diverging_school_grades_three_shades_per_side_neighbours_differ():
    grades = StackRow("2025", tuple(
        Segment(f"Note {g}", share, "positive" if g <= 3 else "negative")
        for g, share in zip(range(1, 7), (0.15, 0.35, 0.22, 0.15, 0.08, 0.05))
    ))
    classes = [s[0] for s in diverging_segments(parse(diverging([grades], title="t", description="d")))]
    assert classes == [
        "monitor-chart__seg--negative-4", "monitor-chart__seg--negative-3", "monitor-chart__seg--negative-1",
        "monitor-chart__seg--positive-1", "monitor-chart__seg--positive-3", "monitor-chart__seg--positive-4",
    ]
    with pytest.raises(ValueError):
        diverging([StackRow("x", (Segment("a", 1.0, "sideways"),))], title="t", description="d")


def luminance(hex_colour):
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_palette_contrasts_in_monitor_css():
    """Filled shapes have 3:1 against white; a side's neighbouring shades differ in lightness; the text
    written on a shade has 4.5:1 (white on the dark shades, #1b1b1b on the light ones)."""
    css = CSS.read_text()
    fills = dict(re.findall(r"\.monitor-chart__(seg--\w+-\d|bar) \{ fill: (#[0-9a-f]{6}); \}", css))
    assert len(fills) == 9
    for name, colour in fills.items():
        assert contrast(colour, "#ffffff") >= 3, name
    text_fill = {}  # the text colour of each shade, from the rules "….monitor-chart__seg--…-text, … { fill: #…; }"
    for selectors, colour in re.findall(r"([^{}]*-text)\s*\{ fill: (#[0-9a-f]{3,6}); \}", css):
        for shade in re.findall(r"\.monitor-chart__(seg--\w+-\d)-text", selectors):
            text_fill[shade] = "#ffffff" if colour == "#fff" else colour
    for side in ("positive", "negative"):
        shades = [fills[f"seg--{side}-{level}"] for level in range(1, 5)]
        for lighter, darker in zip(shades, shades[1:]):
            assert luminance(lighter) / luminance(darker) >= 1.4
        for level, colour in enumerate(shades, 1):
            text = text_fill[f"seg--{side}-{level}"]
            assert contrast(colour, text) >= 4.5, (side, level)
    assert contrast(fills["bar"], "#1b1b1b") >= 3  # the whisker on the bar


def test_format_percent():
    assert format_percent(0.605) == "61 %"
    assert format_percent(0.5) == "50 %"
    assert format_percent(0.0) == "0 %"
    assert format_percent(1.0) == "100 %"
    assert format_percent(0.72499) == "72 %"


def test_charts_in_a_page_are_valid_html(tmp_path):
    from tests.browser.test_html_validity import vnu_errors

    figures = "\n".join(
        f'<figure><figcaption>{kind}</figcaption>{svg}</figure>' for kind, svg in all_charts().items()
    )
    empty = bars([], title="Leer", description="Nichts.") + sparkline([], title="Leer")
    page = (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Diagramme</title></head>'
        f"<body><main>{figures}<figure><figcaption>leer</figcaption>{empty}</figure></main></body></html>"
    )
    assert vnu_errors({"charts": page}, tmp_path) == []
