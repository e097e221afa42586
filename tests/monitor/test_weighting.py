"""revier/monitor/weighting.py: raking, bounded raking, estimates and trends (issue 11 §2).

Checked against hand computation, against ipfn (an independent IPF implementation, test-only
dependency), against an independent bounded solver written here (cyclic coordinate ascent on the dual
with bisection per cell, where the module uses Newton's method), and on synthetic waves with a known truth.
"""

import csv
import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ipfn import ipfn

from revier.monitor.weighting import (
    Z95,
    Bounds,
    Coded,
    Estimate,
    Groups,
    Margin,
    MarginsInvalid,
    Sample,
    Scheme,
    WeightingInfeasible,
    WeightingNotConverged,
    bounded_rake,
    change,
    code,
    estimates,
    margin_problems,
    rake,
    weight_wave,
    wilson_interval,
)

ROOT = Path(__file__).resolve().parents[2]


def margin_sums(sample, margin, weights):
    sums = {}
    for i, cell in enumerate(zip(*(sample.variables[v] for v in margin.variables))):
        sums[cell] = sums.get(cell, 0.0) + weights[i]
    return sums


def assert_margins_met(sample, margins, weights, rel=1e-10):
    for margin in margins:
        targets = margin.targets(sample.n)
        sums = margin_sums(sample, margin, weights)
        for cell, target in targets.items():
            assert abs(sums[cell] - target) <= rel * target, (margin.name, cell, sums[cell], target)


# --- hand-computed examples -------------------------------------------------------------------------


def test_code_treats_numbers_and_text_alike():
    assert code(1) == code(1.0) == code("1") == code(" 1 ") == code(np.int64(1)) == "1"
    assert code(None) is code(float("nan")) is code("") is None
    assert code(1.5) == "1.5"


def test_rake_independent_2x2_by_hand():
    # One respondent per cell; a: 75/25, b: 25/75. One sweep: a-step 1.5/0.5, b-step 0.5/1.5.
    sample = Sample.from_columns({"a": [1, 1, 2, 2], "b": [1, 2, 1, 2]})
    a = Margin.build("a", ["a"], {1: 750, 2: 250})
    b = Margin.build("b", ["b"], {1: 250, 2: 750})
    result = rake(sample, [a, b])
    assert result.weights.tolist() == pytest.approx([0.75, 2.25, 0.25, 0.75], abs=1e-12)
    assert result.report.iterations == 1
    assert result.report.method == "raking"
    assert result.report.max_relative_deviation <= 1e-10
    assert [fit.margin for fit in result.report.margins] == ["a", "b"]


def test_rake_2x2_with_an_empty_combination_by_hand():
    # Respondents: (1,1) twice, (1,2), (2,1); targets a = 2.4/1.6, b = 2.8/1.2 (n = 4).
    # b=2 holds only (1,2): w12 = 1.2; a=2 holds only (2,1): w21 = 1.6; then 2·w11 + 1.2 = 2.4: w11 = 0.6.
    sample = Sample.from_columns({"a": [1, 1, 1, 2], "b": [1, 1, 2, 1]})
    a = Margin.build("a", ["a"], {1: 60, 2: 40})
    b = Margin.build("b", ["b"], {1: 70, 2: 30})
    for result in (rake(sample, [a, b]), bounded_rake(sample, [a, b])):
        assert result.weights.tolist() == pytest.approx([0.6, 0.6, 1.2, 1.6], abs=1e-9)
    assert rake(sample, [a, b]).report.iterations > 1  # IPF only approaches it
    # The mean weight is 1 and Kish's n_eff = (Σw)² / Σw² = 16 / 4.72.
    report = bounded_rake(sample, [a, b]).report
    assert report.n_eff == pytest.approx(16 / 4.72)
    assert report.deff_kish == pytest.approx(4 / (16 / 4.72))


def test_bounded_rake_joint_infeasibility_names_the_cells():
    # Same data: any weights meeting both margins give the two (1,1) respondents 1.2 together, so a
    # lower bound of 0.7 cannot hold although every cell on its own could (3 · 0.7 <= 2.4 and 2.8).
    sample = Sample.from_columns({"a": [1, 1, 1, 2], "b": [1, 1, 2, 1]})
    a = Margin.build("a", ["a"], {1: 60, 2: 40})
    b = Margin.build("b", ["b"], {1: 70, 2: 30})
    with pytest.raises(WeightingInfeasible) as caught:
        bounded_rake(sample, [a, b], bounds=Bounds(lower=0.7, upper=5))
    assert caught.value.problems
    assert {problem.kind for problem in caught.value.problems} == {"not_met"}
    assert "erweitern Sie die Grenzen" in str(caught.value)


def test_post_stratification_single_margin():
    sample = Sample.from_columns({"sex": [1, 1, 1, 2]})
    margin = Margin.build("sex", ["sex"], {1: 50, 2: 50})
    result = bounded_rake(sample, [margin])
    assert result.weights.tolist() == pytest.approx([2 / 3, 2 / 3, 2 / 3, 2.0])


# --- bounded raking: bounds bind, the margins are still met ---------------------------------------


def coordinate_ascent(sample, margins, lower, upper, sweeps=20_000, tolerance=1e-13):
    """An independent bounded-raking solver: cyclic coordinate ascent on the dual. For each cell in turn,
    its multiplier is set (by bisection) so that Σ clip(exp(λ_cell + rest), lower, upper) meets the cell's
    target; without bounds this is exactly IPF, with bounds it climbs the same concave dual."""
    n = sample.n
    index, targets = [], []
    for margin in margins:
        order = list(margin.populations)
        number = {cell: i for i, cell in enumerate(order)}
        index.append(np.array([number[c] for c in zip(*(sample.variables[v] for v in margin.variables))]))
        wanted = margin.targets(n)
        targets.append(np.array([wanted[c] for c in order]))
    lam = [np.zeros(len(t)) for t in targets]
    for _ in range(sweeps):
        for m, (idx, target) in enumerate(zip(index, targets)):
            rest = sum(lam[k][index[k]] for k in range(len(margins)) if k != m)
            for c in range(len(target)):
                members = rest[idx == c]
                lo, hi = -60.0, 60.0
                for _ in range(200):
                    mid = (lo + hi) / 2
                    if np.clip(np.exp(mid + members), lower, upper).sum() < target[c]:
                        lo = mid
                    else:
                        hi = mid
                lam[m][c] = (lo + hi) / 2
        u = sum(lam[k][index[k]] for k in range(len(margins)))
        g = np.clip(np.exp(u), lower, upper)
        worst = max(
            float(np.max(np.abs(np.bincount(idx, weights=g, minlength=len(t)) - t) / t))
            for idx, t in zip(index, targets)
        )
        if worst <= tolerance:
            return g
    raise AssertionError("coordinate ascent did not converge")


def skewed_sample(seed, n=400):
    """Three variables, a sample far from the population (the first category of each is rare)."""
    rng = np.random.default_rng(seed)
    return Sample.from_columns({
        "region": rng.choice([1, 2, 3], size=n, p=[0.1, 0.3, 0.6]),
        "sex": rng.choice([1, 2], size=n, p=[0.6, 0.4]),
        "age": rng.choice([1, 2, 3, 4], size=n, p=[0.4, 0.3, 0.2, 0.1]),
    })


SKEWED_MARGINS = [
    Margin.build("region_x_sex", ["region", "sex"], {(1, 1): 120, (1, 2): 130, (2, 1): 180, (2, 2): 190, (3, 1): 190, (3, 2): 190}),
    Margin.build("age", ["age"], {1: 200, 2: 250, 3: 280, 4: 270}),
]


def test_bounded_rake_binds_meets_margins_and_agrees_with_independent_solver():
    sample = skewed_sample(1)
    unbounded = rake(sample, SKEWED_MARGINS)
    assert unbounded.report.weight_max > 3.5 and unbounded.report.weight_min < 0.3  # so the bounds below bind
    bounds = Bounds(lower=0.3, upper=3.5)
    result = bounded_rake(sample, SKEWED_MARGINS, bounds=bounds)
    assert result.report.weights_at_upper > 0 and result.report.weights_at_lower > 0
    assert result.weights.min() >= 0.3 - 1e-12 and result.weights.max() <= 3.5 + 1e-12
    assert_margins_met(sample, SKEWED_MARGINS, result.weights)
    assert result.report.max_relative_deviation <= 1e-10
    independent = coordinate_ascent(sample, SKEWED_MARGINS, 0.3, 3.5)
    assert np.max(np.abs(result.weights - independent)) <= 1e-6


def test_bounded_rake_is_not_trimming():
    # One-shot trimming of the raking weights breaks the margins; bounded raking does not.
    sample = skewed_sample(1)
    trimmed = np.clip(rake(sample, SKEWED_MARGINS).weights, 0.3, 3.5)
    with pytest.raises(AssertionError):
        assert_margins_met(sample, SKEWED_MARGINS, trimmed, rel=1e-3)
    bounded = bounded_rake(sample, SKEWED_MARGINS, bounds=Bounds(0.3, 3.5)).weights
    assert not np.allclose(bounded, trimmed)


def test_bounded_rake_equals_raking_when_bounds_do_not_bind():
    sample = skewed_sample(2)
    unbounded = rake(sample, SKEWED_MARGINS)
    assert 0.2 < unbounded.report.weight_min and unbounded.report.weight_max < 8
    bounded = bounded_rake(sample, SKEWED_MARGINS, bounds=Bounds(0.2, 8))
    assert bounded.report.weights_at_lower == bounded.report.weights_at_upper == 0
    assert np.max(np.abs(bounded.weights - unbounded.weights)) <= 1e-9


def test_rake_agrees_with_ipfn():
    # ipfn rakes the sample's contingency table; a respondent's weight is its cell's fitted count / count.
    sample = skewed_sample(3, n=1000)
    codes = {v: sorted(set(sample.variables[v])) for v in ("region", "sex", "age")}
    position = [[codes[v].index(c) for c in sample.variables[v]] for v in ("region", "sex", "age")]
    table = np.zeros(tuple(len(codes[v]) for v in ("region", "sex", "age")))
    np.add.at(table, tuple(position), 1)
    region_sex, age = SKEWED_MARGINS
    rs_targets, age_targets = region_sex.targets(sample.n), age.targets(sample.n)
    aggregates = [
        np.array([[rs_targets[(r, s)] for s in codes["sex"]] for r in codes["region"]]),
        np.array([age_targets[(a,)] for a in codes["age"]]),
    ]
    fitted = ipfn.ipfn(table.copy(), aggregates, [[0, 1], [2]], convergence_rate=1e-14, rate_tolerance=0,
                       max_iteration=10_000).iteration()
    expected = (fitted / np.where(table > 0, table, 1))[tuple(position)]
    ours = rake(sample, SKEWED_MARGINS).weights
    assert np.max(np.abs(ours - expected)) <= 1e-6
    assert np.max(np.abs(bounded_rake(sample, SKEWED_MARGINS, bounds=Bounds(0.01, 100)).weights - expected)) <= 1e-6


# --- bad margins ----------------------------------------------------------------------------------


def test_infeasible_cell_is_named_with_advice():
    # 4 respondents aged 75+ against a target of 25: at most 4 · 5 = 20 within the bounds.
    sample = Sample.from_columns({"age": [5] * 4 + [1] * 46})
    margin = Margin.build("age_group", ["age"], {1: 50, 5: 50})
    with pytest.raises(WeightingInfeasible) as caught:
        bounded_rake(sample, [margin])
    (problem,) = caught.value.problems
    assert (problem.kind, problem.margin, problem.cell, problem.respondents) == ("infeasible", "age_group", ("5",), 4)
    assert problem.target == pytest.approx(25) and problem.reachable == pytest.approx((0.8, 20))
    assert "age = 5" in problem.message and "4 Befragte" in problem.message
    assert "Fassen Sie Kategorien" in str(caught.value) and "erweitern Sie die Grenzen" in str(caught.value)
    # Wider bounds help.
    assert bounded_rake(sample, [margin], bounds=Bounds(0.2, 7)).weights[0] == pytest.approx(6.25)


def test_margin_problems_empty_cell_uncovered_respondents_and_differing_totals():
    sample = Sample.from_columns({"sex": [1, 1, 2, None], "age": [1, 2, 2, 3]})
    margins = [
        Margin.build("sex", ["sex"], {1: 50, 2: 50}),
        Margin.build("age", ["age"], {1: 30, 2: 30, 3: 30, 4: 20}),
        Margin.build("edu", ["education"], {1: 100}),
    ]
    kinds = {(p.kind, p.margin, p.cell) for p in margin_problems(sample, margins)}
    assert kinds == {
        ("uncovered", "sex", (None,)),  # a respondent without sex
        ("empty_cell", "age", ("4",)),
        ("totals_differ", "age", ()),
        ("uncovered", "edu", ()),  # no column education
    }
    with pytest.raises(MarginsInvalid):
        rake(sample, margins)
    with pytest.raises(MarginsInvalid):
        bounded_rake(sample, margins)


def test_rake_reports_non_convergence():
    sample = Sample.from_columns({"a": [1, 1, 1, 2], "b": [1, 1, 2, 1]})
    a = Margin.build("a", ["a"], {1: 10, 2: 90})
    b = Margin.build("b", ["b"], {1: 10, 2: 90})  # a=2 lies inside b=1: unreachable with any weights
    with pytest.raises(WeightingNotConverged) as caught:
        rake(sample, [a, b], max_iterations=50)
    assert caught.value.problems


def test_weight_wave_uses_the_scheme_order_and_bounds():
    sample = skewed_sample(1)
    margins = {m.name: m for m in SKEWED_MARGINS}
    scheme = Scheme("B", ("region_x_sex", "age"), bounds=Bounds(0.3, 3.5))
    result = weight_wave(sample, margins, scheme)
    assert [fit.margin for fit in result.report.margins] == ["region_x_sex", "age"]
    assert result.report.bounds == Bounds(0.3, 3.5)
    with pytest.raises(ValueError):
        weight_wave(sample, margins, Scheme("X", ("region_x_sex", "nope")))
    with pytest.raises(ValueError):
        Bounds(1.2, 5)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(60, 400),
    shares_a=st.lists(st.floats(0.15, 1.0), min_size=2, max_size=4),
    shares_b=st.lists(st.floats(0.15, 1.0), min_size=2, max_size=3),
    upper=st.floats(2.0, 6.0),
)
def test_property_random_feasible_problems_meet_margins_within_bounds(seed, n, shares_a, shares_b, upper):
    rng = np.random.default_rng(seed)
    a = rng.integers(0, len(shares_a), size=n)
    b = rng.integers(0, len(shares_b), size=n)
    # Every combination occurs, so raking weights exist; targets near the sample keep bounds feasible.
    a[: len(shares_a) * len(shares_b)] = np.repeat(np.arange(len(shares_a)), len(shares_b))
    b[: len(shares_a) * len(shares_b)] = np.tile(np.arange(len(shares_b)), len(shares_a))
    sample = Sample.from_columns({"a": a, "b": b})
    margins = []
    for name, values, shares in (("a", a, shares_a), ("b", b, shares_b)):
        counts = np.bincount(values, minlength=len(shares))
        # halfway between the sample's shares and the drawn ones: within the bounds for most draws
        population = {i: counts[i] / n + 0.5 * (share / sum(shares) - counts[i] / n) for i, share in enumerate(shares)}
        margins.append(Margin.build(name, [name], population))
    unbounded = rake(sample, margins)
    assert_margins_met(sample, margins, unbounded.weights)
    bounds = Bounds(0.3, upper)
    try:
        result = bounded_rake(sample, margins, bounds=bounds)
    except WeightingInfeasible as error:
        # Only when a cell really cannot be met: then it is named.
        assert error.problems
        return
    assert result.weights.min() >= 0.3 * (1 - 1e-12) and result.weights.max() <= upper * (1 + 1e-12)
    assert_margins_met(sample, margins, result.weights)
    if unbounded.report.weight_min >= 0.3 and unbounded.report.weight_max <= upper:
        assert np.max(np.abs(result.weights - unbounded.weights)) <= 1e-8


# --- estimates ------------------------------------------------------------------------------------


def test_wilson_interval_by_hand():
    # p = 0.5, n = 100: centre 0.5, half = z/(1+z²/n) · √(0.25/100 + z²/40000)
    z = Z95
    half = z / (1 + z * z / 100) * math.sqrt(0.0025 + z * z / 40000)
    assert wilson_interval(0.5, 100) == pytest.approx((0.5 - half, 0.5 + half))
    assert wilson_interval(0.5, 100) == pytest.approx((0.4038315303659956, 0.5961684696340044))
    lo, hi = wilson_interval(0.0, 10)
    assert lo == 0.0 and hi == pytest.approx(z * z / (10 + z * z))


def test_estimates_by_hand_with_missing_codes_and_groups():
    answers = [1, 2, 3, 9, 1, None, 4, 2]
    weights = [2.0, 1.0, 1.0, 5.0, 0.5, 3.0, 1.5, 1.0]
    groups = {"sex": [1, 1, 1, 1, 2, 2, 2, 2]}
    overall, man, woman = estimates(answers, weights, top_box=[1, 2], missing=[9], groups=groups, min_n=3)
    # valid: codes 1,2,3,1,4,2 with weights 2,1,1,0.5,1.5,1 (code 9 and no answer excluded)
    assert (overall.group_var, overall.group_value, overall.n) == ("all", None, 6)
    assert overall.sum_w == pytest.approx(7.0)
    assert overall.p_unweighted == pytest.approx(4 / 6)
    assert overall.p == pytest.approx(4.5 / 7.0)
    n_eff = 7.0**2 / (4 + 1 + 1 + 0.25 + 2.25 + 1)
    assert overall.n_eff == pytest.approx(n_eff)
    assert overall.deff_kish == pytest.approx(6 / n_eff)
    assert (overall.wilson_lo, overall.wilson_hi) == pytest.approx(wilson_interval(4.5 / 7.0, n_eff))
    assert overall.se == pytest.approx((overall.wilson_hi - overall.wilson_lo) / (2 * Z95))
    assert not overall.suppressed
    assert (man.group_var, man.group_value, man.n, man.p) == ("sex", "1", 3, pytest.approx(3 / 4))
    assert (woman.group_value, woman.n, woman.p) == ("2", 3, pytest.approx(1.5 / 3))
    assert not man.suppressed
    (only,) = estimates([9, 9], [1, 1], top_box=[1], missing=[9])
    assert (only.n, only.p, only.suppressed) == (0, None, True)


def test_estimates_suppress_below_minimum():
    overall, *_ = estimates([1] * 29, [1.0] * 29, top_box=[1])
    assert overall.suppressed and overall.n == 29
    overall, *_ = estimates([1] * 30, [1.0] * 30, top_box=[1])
    assert not overall.suppressed


def test_equal_weights_give_n_eff_n():
    (overall,) = estimates([1, 2] * 50, [1.3] * 100, top_box=[1])
    assert overall.n_eff == pytest.approx(100) and overall.deff_kish == pytest.approx(1)
    assert (overall.wilson_lo, overall.wilson_hi) == pytest.approx((0.4038315303659956, 0.5961684696340044))


# --- trends ---------------------------------------------------------------------------------------


def make_estimate(p, n_eff):
    lo, hi = wilson_interval(p, n_eff)
    return Estimate("all", None, int(n_eff), float(n_eff), p, p, n_eff, 1.0, lo, hi, False)


def test_change_by_hand():
    earlier, later = make_estimate(0.73, 1500), make_estimate(0.72, 1500)
    result = change(earlier, later)
    se = math.sqrt(earlier.se**2 + later.se**2)
    assert result.difference == pytest.approx(-0.01)
    assert result.se == pytest.approx(se)
    assert (result.lo, result.hi) == pytest.approx((-0.01 - Z95 * se, -0.01 + Z95 * se))
    assert not result.clear and result.label == ""
    clear = change(make_estimate(0.61, 1500), make_estimate(0.55, 1500))
    assert clear.clear and clear.hi < 0 and clear.label == "deutliche Veränderung"
    assert change(make_estimate(0.5, 100), Estimate("all", None, 0, 0, None, None, None, None, None, None, True)) is None


# --- synthetic waves with a known truth ----------------------------------------------------------


def test_weighting_moves_a_biased_synthetic_wave_towards_the_truth():
    # Population: age groups 1..4 equally common, agreement falls with age (0.7, 0.5, 0.4, 0.3);
    # regions 1..3 at 20/30/50 %, agreement +0.1 in region 1. The sample is too young and too urban.
    rng = np.random.default_rng(20240322)
    n = 2000
    age = rng.choice([1, 2, 3, 4], size=n, p=[0.4, 0.3, 0.2, 0.1])
    region = rng.choice([1, 2, 3], size=n, p=[0.4, 0.3, 0.3])
    p_true = np.array([0.0, 0.7, 0.5, 0.4, 0.3])[age] + np.where(region == 1, 0.1, 0.0)
    answers = np.where(rng.random(n) < p_true, 1, 2)
    answers[rng.random(n) < 0.05] = 9
    truth = sum(0.25 * pa for pa in (0.7, 0.5, 0.4, 0.3)) + 0.2 * 0.1
    sample = Sample.from_columns({"age": age, "region": region})
    margins = [
        Margin.build("region", ["region"], {1: 20, 2: 30, 3: 50}),
        Margin.build("age", ["age"], {1: 25, 2: 25, 3: 25, 4: 25}),
    ]
    weights = bounded_rake(sample, margins).weights
    (overall,) = estimates(answers, weights, top_box=[1], missing=[9])
    assert abs(overall.p - truth) < abs(overall.p_unweighted - truth)
    assert abs(overall.p - truth) < 0.02
    assert overall.wilson_lo < truth < overall.wilson_hi
    assert overall.deff_kish > 1


def shared_sample():
    for base in (ROOT.parent, ROOT.parent.parent):
        folder = base / "shared" / "monitor-sample"
        if (folder / "microdata.csv").exists():
            return folder
    # CI and `make test` run with ../shared beside the checkout (README): its absence is an error,
    # not a reason to skip the check.
    raise AssertionError("../shared/monitor-sample is not beside this checkout")


def test_shared_monitor_sample_scheme_b_towards_truth_and_scheme_a_infeasible():
    folder = shared_sample()
    rows = list(csv.DictReader((folder / "microdata.csv").open(encoding="utf-8")))
    spec = json.loads((folder / "margins.json").read_text(encoding="utf-8"))
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))["waves"]
    questions = json.loads((folder / "codebook.json").read_text(encoding="utf-8"))["questions"]
    margins = {}
    for name, cells in spec["margins"].items():
        variables = [key for key in cells[0] if key != "population"]
        margins[name] = Margin.build(name, variables, {tuple(c[v] for v in variables): c["population"] for c in cells})
    closer = farther = 0
    for wave in ("2023", "2024"):
        wave_rows = [row for row in rows if row["wave"] == wave]
        sample = Sample.from_rows(wave_rows, ["district_code", "sex", "age_group", "education"])
        scheme_b = Scheme("B", tuple(spec["schemes"]["B"]["margins"]))
        result = weight_wave(sample, margins, scheme_b)
        assert result.weights.min() >= 0.2 and result.weights.max() <= 5 + 1e-12
        assert result.weights.mean() == pytest.approx(1)
        assert_margins_met(sample, [margins[m] for m in scheme_b.margins], result.weights)
        for question in questions:
            answers = [row[question["id"]] for row in wave_rows]
            (overall,) = estimates(answers, result.weights, top_box=question["top2_codes"], missing=question["missing_codes"])
            true = truth[wave][question["id"]]["all"]
            if abs(overall.p - true) < abs(overall.p_unweighted - true):
                closer += 1
            else:
                farther += 1
        with pytest.raises(WeightingInfeasible) as caught:
            weight_wave(sample, margins, Scheme("A", tuple(spec["schemes"]["A"]["margins"])))
        assert all(problem.kind == "infeasible" and problem.margin.startswith("district_x_") for problem in caught.value.problems)
        # Scheme A within wide bounds: 90 cells, met (2023's raking weights reach 16; Newton used to stall
        # near the solution where the dual changes by less than its rounding error).
        scheme_a = [margins[m] for m in spec["schemes"]["A"]["margins"]]
        wide = bounded_rake(sample, scheme_a, bounds=Bounds(0.1, 20))
        assert_margins_met(sample, scheme_a, wide.weights)
        assert np.max(np.abs(wide.weights - rake(sample, scheme_a).weights)) <= 1e-8
    assert closer == 10 and farther == 0


def test_20000_respondents_and_four_margins_are_met_within_the_bounds():
    # The size of the budget (its time is measured by a benchmark, never by a test).
    rng = np.random.default_rng(7)
    n = 20_000
    sample = Sample.from_columns({
        "district": rng.choice(9, size=n), "sex": rng.choice(2, size=n),
        "age": rng.choice(5, size=n, p=[0.3, 0.25, 0.2, 0.15, 0.1]), "education": rng.choice(3, size=n, p=[0.1, 0.4, 0.5]),
    })
    margins = [
        Margin.build("district_x_sex", ["district", "sex"], {(d, s): 100 + 10 * d for d in range(9) for s in range(2)}),
        Margin.build("age", ["age"], {a: 504 for a in range(5)}),
        Margin.build("education", ["education"], {0: 504, 1: 1260, 2: 756}),
        Margin.build("sex", ["sex"], {0: 1260, 1: 1260}),
    ]
    result = bounded_rake(sample, margins)
    for _ in range(60):
        estimates(rng.choice([1, 2, 3, 4, 9], size=n), result.weights, top_box=[1, 2], missing=[9],
                  groups={"district": sample.variables["district"]})
    assert result.report.max_relative_deviation <= 1e-10
    assert result.weights.min() >= 0.2 and result.weights.max() <= 5 + 1e-12


def test_estimates_with_groups_coded_once_equal_those_with_plain_columns():
    rng = np.random.default_rng(3)
    n = 500
    answers = rng.choice([1, 2, 3, 9, None], size=n)
    weights = rng.uniform(0.2, 5, size=n)
    columns = {"district": [str(v) for v in rng.choice([14713, 15002, 16077], size=n)],
               "sex": [None if i % 50 == 0 else v for i, v in enumerate(rng.choice([1, 2], size=n))]}
    plain = estimates(answers, weights, top_box=[1, 2], missing=[9], groups=columns)
    coded = estimates(answers, weights, top_box=[1, 2], missing=[9], groups=Groups.build(columns))
    assert plain == coded
    assert [(e.group_var, e.group_value) for e in coded] == [
        ("all", None), ("district", "14713"), ("district", "15002"), ("district", "16077"), ("sex", "1"), ("sex", "2")]
    with pytest.raises(ValueError):
        estimates(answers[:-1], weights[:-1], top_box=[1], groups=Groups.build(columns))


def test_coded_merges_values_that_are_one_code():
    coded = Coded.build([1, "1", " 1 ", 2.0, None, float("nan"), "", "x"])
    assert coded.codes == ("1", "2", None, "x")
    assert coded.index.tolist() == [0, 0, 0, 1, 2, 2, 2, 3]
    assert Coded.build(np.array([3, 1, 3])).codes == ("1", "3")
    assert Coded.build(np.array(["b", " a", "b"])).index.tolist() == [1, 0, 1]
    assert len(Coded.build([])) == 0


def test_estimates_from_coded_answers_and_numpy_arrays_equal_those_from_lists():
    rng = np.random.default_rng(5)
    answers = rng.choice([1, 2, 3, 9], size=300)
    weights = rng.uniform(0.5, 2, size=300)
    groups = {"g": rng.choice([1, 2], size=300)}
    as_text = [str(a) for a in answers]
    expected = estimates(as_text, weights, top_box=["1"], missing=["9"], groups={"g": [str(g) for g in groups["g"]]})
    assert estimates(answers, weights, top_box=[1], missing=[9], groups=groups) == expected
    assert estimates(Coded.build(as_text), weights, top_box=[1], missing=[9], groups=Groups.build(groups)) == expected
