"""Weighting of a survey wave and its weighted estimates (issue 11 §2), independent of Django.

Raking (iterative proportional fitting), bounded raking (the raking form clipped to bounds, every margin
still met: the calibration that R's ``survey::calibrate(calfun="raking", bounds=c(L, U))`` computes),
weighted shares with Kish's effective sample size and the Wilson interval, and the change between two
waves. The method and its formulas are written down in ``docs/monitor.md``, section "Gewichtung".

Codes are compared as text: ``1``, ``1.0``, ``"1"`` and ``" 1 "`` are the same code; ``None``, NaN and
``""`` are no code at all.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

Z95 = 1.959963984540054  # the standard normal's 97.5 % quantile
DEFAULT_TOLERANCE = 1e-10
DEFAULT_MIN_N = 30
CLIPPED_CURVATURE = 1e-3


def code(value) -> str | None:
    """A code as text; ``None`` for no code (None, NaN, empty). Integral floats lose their ``.0``."""
    if value is None:
        return None
    if isinstance(value, float | np.floating):
        if math.isnan(value):
            return None
        if float(value).is_integer():
            return str(int(value))
        return repr(float(value))
    if isinstance(value, np.integer):
        return str(int(value))
    text = str(value).strip()
    return text or None


# ---------------------------------------------------------------------------------------------------
# Inputs


@dataclass(frozen=True)
class Sample:
    """The respondents of one wave: for each variable, one code per respondent (all of the same length)."""

    variables: Mapping[str, tuple[str | None, ...]]
    n: int

    @classmethod
    def from_columns(cls, columns: Mapping[str, Sequence]) -> Sample:
        lengths = {len(values) for values in columns.values()}
        if len(lengths) > 1:
            raise ValueError("All variables need one value per respondent.")
        n = lengths.pop() if lengths else 0
        variables = {name: tuple(codes(values)) for name, values in columns.items()}
        return cls(variables=MappingProxyType(variables), n=n)

    @classmethod
    def from_rows(cls, rows: Sequence[Mapping], variables: Sequence[str]) -> Sample:
        return cls.from_columns({name: [row.get(name) for row in rows] for name in variables})


@dataclass(frozen=True)
class Margin:
    """Population figures for the cells of one margin: a cell is a combination of codes of ``variables``."""

    name: str
    variables: tuple[str, ...]
    populations: Mapping[tuple[str, ...], float]

    @classmethod
    def build(cls, name: str, variables: Sequence[str], populations: Mapping) -> Margin:
        """``populations`` maps a cell (a code, or a tuple of codes in the order of ``variables``) to a count."""
        variables = tuple(variables)
        cells: dict[tuple[str, ...], float] = {}
        for key, population in populations.items():
            key = key if isinstance(key, tuple) else (key,)
            if len(key) != len(variables):
                raise ValueError(f"Margin {name}: cell {key!r} does not match the variables {variables!r}.")
            cell = tuple(code(part) for part in key)
            if cell in cells:
                raise ValueError(f"Margin {name}: cell {cell!r} is given twice.")
            population = float(population)
            if not population >= 0 or math.isinf(population):
                raise ValueError(f"Margin {name}: cell {cell!r} has no valid population figure.")
            cells[cell] = population
        return cls(name=name, variables=variables, populations=MappingProxyType(cells))

    @property
    def total(self) -> float:
        return math.fsum(self.populations.values())

    def targets(self, n: int) -> dict[tuple[str, ...], float]:
        """Each cell's target: its population share × n, so that weights have mean 1."""
        total = self.total
        return {cell: population / total * n for cell, population in self.populations.items()}


@dataclass(frozen=True)
class Bounds:
    """Bounds of the weights relative to the mean weight (which is 1: targets add up to n)."""

    lower: float = 0.2
    upper: float = 5.0

    def __post_init__(self):
        if not (0 <= self.lower < 1 < self.upper):
            raise ValueError("Bounds need 0 <= lower < 1 < upper.")


@dataclass(frozen=True)
class Scheme:
    """A weighting scheme: margins in the order raking visits them, bounds and tolerance."""

    name: str
    margins: tuple[str, ...]
    bounds: Bounds = field(default_factory=Bounds)
    tolerance: float = DEFAULT_TOLERANCE


# ---------------------------------------------------------------------------------------------------
# Problems and errors


@dataclass(frozen=True)
class MarginProblem:
    """One reason why a margin cannot be met. ``kind`` is one of

    ``empty_cell`` (a cell with a population but no respondent), ``uncovered`` (respondents whose codes
    are no cell of the margin, or missing), ``totals_differ`` (the margin's total differs from the first
    margin's), ``infeasible`` (no weights within the bounds meet the cell), ``not_met`` (raking stopped
    before the cell was met).
    """

    kind: str
    margin: str
    cell: tuple[str | None, ...] = ()
    respondents: int = 0
    target: float = 0.0
    reachable: tuple[float, float] | None = None
    message: str = ""


class WeightingError(Exception):
    """The wave cannot be weighted with these margins; ``problems`` says where and why (German messages)."""

    def __init__(self, problems: Sequence[MarginProblem], advice: str = ""):
        self.problems = tuple(problems)
        self.advice = advice
        lines = [problem.message for problem in self.problems]
        if advice:
            lines.append(advice)
        super().__init__(" ".join(lines))


class MarginsInvalid(WeightingError):
    """Margins and respondents do not fit together (empty cells, uncovered respondents, differing totals)."""


class WeightingInfeasible(WeightingError):
    """No weights within the bounds meet every margin."""


class WeightingNotConverged(WeightingError):
    """Raking stopped at its iteration limit before every margin was met."""


def _cell_text(margin: Margin, cell: tuple[str | None, ...]) -> str:
    return ", ".join(f"{variable} = {value if value is not None else 'fehlt'}" for variable, value in zip(margin.variables, cell))


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


# ---------------------------------------------------------------------------------------------------
# Design: which cell of each margin every respondent falls into


@dataclass(frozen=True)
class _Design:
    names: tuple[str, ...]
    cells: tuple[tuple[tuple[str, ...], ...], ...]  # per margin, its cells in a fixed order
    index: tuple[np.ndarray, ...]  # per margin, each respondent's cell number
    targets: tuple[np.ndarray, ...]  # per margin, each cell's target (population share × n)
    counts: tuple[np.ndarray, ...]  # per margin, respondents per cell
    n: int


def margin_problems(sample: Sample, margins: Sequence[Margin]) -> tuple[MarginProblem, ...]:
    """Everything that stops these margins from being met whatever the bounds, for the import's report."""
    problems: list[MarginProblem] = []
    first_total = None
    for margin in margins:
        missing = [variable for variable in margin.variables if variable not in sample.variables]
        if missing:
            problems.append(MarginProblem(
                kind="uncovered", margin=margin.name,
                message=f"Die Gewichtungsvorgabe {margin.name} braucht die Spalte(n) {', '.join(missing)}, die in den Befragtendaten fehlen.",
            ))
            continue
        total = margin.total
        if first_total is None:
            first_total = (margin.name, total)
        elif abs(total - first_total[1]) > 1e-9 * max(total, first_total[1]):
            problems.append(MarginProblem(
                kind="totals_differ", margin=margin.name, target=total,
                message=(
                    f"Die Gewichtungsvorgabe {margin.name} ergibt zusammen {_number(total)} Personen, "
                    f"{first_total[0]} aber {_number(first_total[1])}. Alle Vorgaben müssen dieselbe Gesamtzahl haben."
                ),
            ))
        counts: dict[tuple, int] = {}
        for cell in zip(*(sample.variables[variable] for variable in margin.variables)):
            counts[cell] = counts.get(cell, 0) + 1
        for cell, population in margin.populations.items():
            if population > 0 and counts.get(cell, 0) == 0:
                problems.append(MarginProblem(
                    kind="empty_cell", margin=margin.name, cell=cell, target=population,
                    message=(
                        f"In der Zelle {_cell_text(margin, cell)} der Vorgabe {margin.name} gibt es keine Befragten. "
                        "Fassen Sie Kategorien zusammen."
                    ),
                ))
        for cell, count in counts.items():
            if margin.populations.get(cell, 0) <= 0:
                problems.append(MarginProblem(
                    kind="uncovered", margin=margin.name, cell=cell, respondents=count,
                    message=(
                        f"{count} Befragte haben {_cell_text(margin, cell)}; die Vorgabe {margin.name} "
                        "hat für diese Zelle keine Bevölkerungszahl."
                    ),
                ))
    return tuple(problems)


def _design(sample: Sample, margins: Sequence[Margin]) -> _Design:
    if not margins:
        raise ValueError("A weighting needs at least one margin.")
    if sample.n == 0:
        raise ValueError("A weighting needs at least one respondent.")
    problems = margin_problems(sample, margins)
    if problems:
        raise MarginsInvalid(problems)
    cells, index, targets, counts = [], [], [], []
    for margin in margins:
        order = tuple(margin.populations)
        number = {cell: i for i, cell in enumerate(order)}
        columns = [sample.variables[variable] for variable in margin.variables]
        idx = np.fromiter((number[cell] for cell in zip(*columns)), dtype=np.intp, count=sample.n)
        wanted = margin.targets(sample.n)
        cells.append(order)
        index.append(idx)
        targets.append(np.array([wanted[cell] for cell in order], dtype=float))
        counts.append(np.bincount(idx, minlength=len(order)))
    return _Design(
        names=tuple(margin.name for margin in margins), cells=tuple(cells), index=tuple(index),
        targets=tuple(targets), counts=tuple(counts), n=sample.n,
    )


# ---------------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class MarginFit:
    margin: str
    max_relative_deviation: float


@dataclass(frozen=True)
class ConvergenceReport:
    method: str  # "raking" or "bounded raking"
    iterations: int
    tolerance: float
    margins: tuple[MarginFit, ...]
    bounds: Bounds | None
    weights_at_lower: int
    weights_at_upper: int
    weight_min: float
    weight_max: float
    n_eff: float
    deff_kish: float

    @property
    def max_relative_deviation(self) -> float:
        return max(fit.max_relative_deviation for fit in self.margins)


@dataclass(frozen=True)
class Weighting:
    """Weights in the order of the sample's respondents (mean 1) and how they were reached."""

    weights: np.ndarray
    report: ConvergenceReport


def _sums(design: _Design, weights: np.ndarray) -> list[np.ndarray]:
    return [np.bincount(idx, weights=weights, minlength=len(t)) for idx, t in zip(design.index, design.targets)]


def _deviations(design: _Design, weights: np.ndarray) -> list[np.ndarray]:
    return [np.abs(s - t) / t for s, t in zip(_sums(design, weights), design.targets)]


def _result(design: _Design, weights: np.ndarray, *, method, iterations, tolerance, bounds) -> Weighting:
    weights = np.array(weights, dtype=float)
    weights.setflags(write=False)
    deviations = _deviations(design, weights)
    total, squares = float(weights.sum()), float(np.dot(weights, weights))
    n_eff = total * total / squares
    slack = 1e-9
    report = ConvergenceReport(
        method=method, iterations=iterations, tolerance=tolerance,
        margins=tuple(MarginFit(name, float(d.max())) for name, d in zip(design.names, deviations)),
        bounds=bounds,
        weights_at_lower=int(np.sum(weights <= bounds.lower * (1 + slack))) if bounds else 0,
        weights_at_upper=int(np.sum(weights >= bounds.upper * (1 - slack))) if bounds else 0,
        weight_min=float(weights.min()), weight_max=float(weights.max()),
        n_eff=n_eff, deff_kish=design.n / n_eff,
    )
    return Weighting(weights=weights, report=report)


# ---------------------------------------------------------------------------------------------------
# Raking


def rake(sample: Sample, margins: Sequence[Margin], *, tolerance: float = DEFAULT_TOLERANCE,
         max_iterations: int = 10_000) -> Weighting:
    """Iterative proportional fitting over ``margins`` in their order, from weights 1, until every cell of
    every margin is met to ``tolerance`` (relative). Raises ``MarginsInvalid`` for margins that cannot be
    met whatever the weights and ``WeightingNotConverged`` at the iteration limit."""
    design = _design(sample, margins)
    weights = np.ones(design.n)
    for iteration in range(1, max_iterations + 1):
        for idx, target in zip(design.index, design.targets):
            weights *= (target / np.bincount(idx, weights=weights, minlength=len(target)))[idx]
        if max(float(d.max()) for d in _deviations(design, weights)) <= tolerance:
            return _result(design, weights, method="raking", iterations=iteration, tolerance=tolerance, bounds=None)
    raise WeightingNotConverged(_unmet(design, weights, tolerance, bounds=None),
                                advice="Die Gewichtung ist nicht konvergiert. Fassen Sie Kategorien zusammen.")


# ---------------------------------------------------------------------------------------------------
# Bounded raking


def _conjugate(u: np.ndarray, lower: float, upper: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For the raking distance G(g) = g·log g − g + 1 restricted to [lower, upper]: its conjugate
    G*(u) = max_g (u·g − G(g)), the maximiser g(u) = clip(exp(u), lower, upper) and where g is inside
    the bounds (there g'(u) = g, elsewhere 0)."""
    log_lower = math.log(lower) if lower > 0 else -math.inf
    log_upper = math.log(upper)
    inner = np.exp(np.clip(u, log_lower, log_upper))
    g = np.clip(inner, lower, upper)
    free = (u > log_lower) & (u < log_upper)

    def distance(x):
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(x > 0, x * np.log(np.where(x > 0, x, 1)) - x + 1, 1.0)

    value = u * g - distance(g)
    return value, g, free


def bounded_rake(sample: Sample, margins: Sequence[Margin], *, bounds: Bounds = Bounds(),
                 tolerance: float = DEFAULT_TOLERANCE, max_iterations: int = 200) -> Weighting:
    """The bounded raking weights: g_i = clip(exp(Σ_m λ_m,c(i)), lower, upper) with the λ for which every
    cell of every margin is met to ``tolerance`` (relative).

    These weights minimise the raking distance Σ (g·log g − g + 1) to the starting weights 1 among all
    weights within the bounds that meet the margins; the minimiser is unique (strictly convex objective,
    convex set), so this is the solution of ``survey::calibrate(calfun="raking", bounds=...)``. It is
    found by Newton's method on the concave dual in λ with a backtracking line search. When the bounds
    do not bind, the result is the raking (IPF) solution.

    Raises ``MarginsInvalid`` (empty cells, uncovered respondents, differing totals) and
    ``WeightingInfeasible`` naming the cells that no weights within the bounds can meet; never returns
    weights that miss a margin.
    """
    design = _design(sample, margins)
    lower, upper = bounds.lower, bounds.upper

    # A cell of k respondents can hold between k·lower and k·upper: the first, plainest obstacle.
    problems = []
    for name, cells, counts, targets, margin in zip(design.names, design.cells, design.counts, design.targets, margins):
        for cell, count, target in zip(cells, counts, targets):
            low, high = count * lower, count * upper
            if target < low * (1 - tolerance) or target > high * (1 + tolerance):
                problems.append(MarginProblem(
                    kind="infeasible", margin=name, cell=cell, respondents=int(count), target=float(target),
                    reachable=(float(low), float(high)),
                    message=(
                        f"Die Zelle {_cell_text(margin, cell)} der Vorgabe {name} hat {count} Befragte, braucht aber "
                        f"ein Gewicht von {_number(target)}; mit Gewichten zwischen {_number(lower)} und "
                        f"{_number(upper)} sind nur {_number(low)} bis {_number(high)} erreichbar."
                    ),
                ))
    if problems:
        raise WeightingInfeasible(problems, advice=_ADVICE)

    offsets = np.cumsum([0] + [len(t) for t in design.targets])
    size = int(offsets[-1])
    target = np.concatenate(design.targets)
    scale = np.maximum(target, 1e-300)
    lam = np.zeros(size)

    def linear(lam):
        return sum(lam[offsets[m]:offsets[m + 1]][idx] for m, idx in enumerate(design.index))

    def dual(lam):
        value, g, dg = _conjugate(linear(lam), lower, upper)
        return float(np.dot(lam, target) - value.sum()), g, dg

    def gradient(g):
        return target - np.concatenate(_sums(design, g))

    def hessian(dg):  # Σ_i dg_i · x_i x_iᵀ, x_i the indicator of respondent i's cells
        h = np.zeros((size, size))
        for a, idx_a in enumerate(design.index):
            for b, idx_b in enumerate(design.index):
                if b < a:
                    continue
                ka, kb = offsets[a + 1] - offsets[a], offsets[b + 1] - offsets[b]
                block = np.bincount(idx_a * kb + idx_b, weights=dg, minlength=ka * kb).reshape(ka, kb)
                h[offsets[a]:offsets[a + 1], offsets[b]:offsets[b + 1]] = block
                h[offsets[b]:offsets[b + 1], offsets[a]:offsets[a + 1]] = block.T
        return h

    value, g, free = dual(lam)
    for iteration in range(1, max_iterations + 1):
        grad = gradient(g)
        if float(np.max(np.abs(grad) / scale)) <= tolerance:
            return _result(design, g, method="bounded raking", iterations=iteration - 1, tolerance=tolerance, bounds=bounds)
        # Newton's step on the dual. A weight at a bound has no curvature; it keeps a small one here
        # (CLIPPED_CURVATURE × g) so that a cell whose weights all sit at a bound still gets a step (the
        # line search shortens it), at the price of a slightly slower end phase. The least-squares
        # solution copes with the redundant λ (every margin adds up to n).
        curvature = np.where(free, g, CLIPPED_CURVATURE * g)
        newton = np.linalg.lstsq(hessian(curvature), grad, rcond=None)[0]
        steepest = grad / np.maximum(np.concatenate(design.counts), 1)
        residual = float(np.max(np.abs(grad) / scale))
        for step in (newton, steepest):
            if not np.all(np.isfinite(step)) or float(np.dot(step, grad)) <= 0:
                continue
            taken = _line_search(dual, gradient, scale, lam, value, step, float(np.dot(step, grad)), residual)
            if taken is not None:
                break
        else:
            break
        lam, value, g, free = taken
        if float(np.max(np.abs(lam))) > 50:  # exp(±50): weights pushed against a bound that cannot hold
            break
    # Before calling it infeasible: when the raking weights lie within the bounds, they are the solution.
    try:
        raked = rake(sample, margins, tolerance=tolerance, max_iterations=300)
    except WeightingError:
        raked = None
    if raked is not None and raked.report.weight_min >= lower and raked.report.weight_max <= upper:
        return _result(design, raked.weights, method="bounded raking", iterations=raked.report.iterations,
                       tolerance=tolerance, bounds=bounds)
    raise WeightingInfeasible(_unmet(design, g, tolerance, bounds=bounds, margins=margins), advice=_ADVICE)


def _line_search(dual, gradient, scale, lam, value, step, slope, residual):
    """Backtracking (Armijo) on the dual D along ``step``; None when no step length helps. Close to the
    solution D changes by less than its rounding error: there a step counts when it shrinks the margins'
    largest relative shortfall instead."""
    rounding = 1e-12 * (abs(value) + 1.0)
    t = 1.0
    while t >= 1e-12:
        new_lam = lam + t * step
        new_value, new_g, new_free = dual(new_lam)
        if new_value >= value + 1e-4 * t * slope:
            return new_lam, new_value, new_g, new_free
        if new_value >= value - rounding and float(np.max(np.abs(gradient(new_g)) / scale)) < residual:
            return new_lam, new_value, new_g, new_free
        t *= 0.5
    return None


_ADVICE = (
    "Fassen Sie Kategorien der genannten Vorgaben zusammen (etwa benachbarte Altersgruppen), "
    "nehmen Sie eine Vorgabe aus dem Gewichtungsschema oder erweitern Sie die Grenzen der Gewichte."
)


def _unmet(design: _Design, weights: np.ndarray, tolerance: float, *, bounds, margins=None) -> list[MarginProblem]:
    problems = []
    for m, (name, cells, sums, targets, counts) in enumerate(
        zip(design.names, design.cells, _sums(design, weights), design.targets, design.counts)
    ):
        for cell, achieved, target, count in zip(cells, sums, targets, counts):
            if abs(achieved - target) > tolerance * target:
                where = _cell_text(margins[m], cell) if margins else repr(cell)
                problems.append(MarginProblem(
                    kind="not_met", margin=name, cell=cell, respondents=int(count), target=float(target),
                    message=(
                        f"Die Zelle {where} der Vorgabe {name} ({count} Befragte) lässt sich zusammen mit den übrigen "
                        f"Vorgaben nicht auf ihren Sollwert von {_number(target)} bringen (zuletzt {_number(achieved)})."
                    ),
                ))
    return problems


def weight_wave(sample: Sample, margins: Mapping[str, Margin], scheme: Scheme) -> Weighting:
    """Weights of one wave: bounded raking over the scheme's margins in its order, with its bounds."""
    unknown = [name for name in scheme.margins if name not in margins]
    if unknown:
        raise ValueError(f"Scheme {scheme.name} names unknown margins: {', '.join(unknown)}.")
    return bounded_rake(sample, [margins[name] for name in scheme.margins], bounds=scheme.bounds,
                        tolerance=scheme.tolerance)


# ---------------------------------------------------------------------------------------------------
# Estimates


@dataclass(frozen=True)
class Estimate:
    """The top-box share among the valid answers of one group (all figures None when n is 0)."""

    group_var: str
    group_value: str | None
    n: int  # valid answers, unweighted
    sum_w: float
    p_unweighted: float | None
    p: float | None
    n_eff: float | None
    deff_kish: float | None
    wilson_lo: float | None
    wilson_hi: float | None
    suppressed: bool  # fewer than min_n valid answers: not shown in public views

    @property
    def se(self) -> float | None:
        """The Kish–Wilson standard error: the Wilson interval's half-width divided by z."""
        if self.wilson_lo is None:
            return None
        return (self.wilson_hi - self.wilson_lo) / (2 * Z95)


def wilson_interval(p: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson's score interval for a share p from n observations (here n = Kish's n_eff)."""
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def _estimate(group_var, group_value, n, sum_w, sum_wy, sum_w2, sum_y, min_n) -> Estimate:
    n = int(n)
    if n == 0:
        return Estimate(group_var, group_value, 0, 0.0, None, None, None, None, None, None, True)
    sum_w, sum_wy, sum_w2 = float(sum_w), float(sum_wy), float(sum_w2)
    p = min(max(sum_wy / sum_w, 0.0), 1.0)
    n_eff = sum_w * sum_w / sum_w2
    lo, hi = wilson_interval(p, n_eff)
    return Estimate(
        group_var=group_var, group_value=group_value, n=n, sum_w=sum_w, p_unweighted=float(sum_y) / n, p=p,
        n_eff=n_eff, deff_kish=n / n_eff, wilson_lo=lo, wilson_hi=hi, suppressed=n < min_n,
    )


def codes(values: Sequence) -> list[str | None]:
    """``code`` of every value, each distinct value converted once."""
    seen: dict = {}
    result = []
    for value in values:
        try:
            converted = seen[value]
        except KeyError:
            converted = seen[value] = code(value)
        except TypeError:  # unhashable
            converted = code(value)
        result.append(converted)
    return result


@dataclass(frozen=True)
class Coded:
    """Values coded once: the distinct codes (``code`` of each value; None for no code) and each value's
    position among them. Lets many computations over the same column share one pass over it."""

    codes: tuple[str | None, ...]
    index: np.ndarray

    @classmethod
    def build(cls, values: Sequence) -> Coded:
        if isinstance(values, np.ndarray) and values.ndim == 1 and values.dtype.kind in "biufUS":
            distinct, index = np.unique(values, return_inverse=True)  # in C: numbers and text arrays
            raw = distinct.tolist()
        else:
            try:
                positions = dict.fromkeys(values)
            except TypeError:  # unhashable values: converted one by one
                return cls._slow(values)
            for number, value in enumerate(positions):
                positions[value] = number
            index = np.fromiter(map(positions.__getitem__, values), dtype=np.intp, count=len(values))
            raw = list(positions)
        converted = [code(value) for value in raw]
        # distinct raw values may be one code ("1", 1, " 1 "): merge them
        order = list(dict.fromkeys(converted))
        number = {c: i for i, c in enumerate(order)}
        index = np.array([number[c] for c in converted], dtype=np.intp)[index.reshape(-1)]
        index.setflags(write=False)
        return cls(codes=tuple(order), index=index)

    @classmethod
    def _slow(cls, values: Sequence) -> Coded:
        converted = [code(value) for value in values]
        order = list(dict.fromkeys(converted))
        number = {c: i for i, c in enumerate(order)}
        index = np.fromiter((number[c] for c in converted), dtype=np.intp, count=len(converted))
        index.setflags(write=False)
        return cls(codes=tuple(order), index=index)

    def __len__(self) -> int:
        return int(self.index.size)


@dataclass(frozen=True)
class Groups:
    """Group variables coded once, for the estimates of many questions over the same respondents: per
    variable its values (sorted as numbers where they are numbers, else as text) and each respondent's
    position among them (``len(values)`` for a respondent without a value)."""

    values: Mapping[str, tuple[str, ...]]
    index: Mapping[str, np.ndarray]
    n: int

    @classmethod
    def build(cls, groups: Mapping[str, Sequence]) -> Groups:
        values, index, lengths = {}, {}, set()
        for group_var, column in groups.items():
            coded = column if isinstance(column, Coded) else Coded.build(column)
            lengths.add(len(coded))
            order = tuple(sorted((c for c in coded.codes if c is not None), key=_sort_key))
            number = {value: i for i, value in enumerate(order)}
            remap = np.array([number.get(c, len(order)) for c in coded.codes], dtype=np.intp)
            idx = remap[coded.index] if coded.codes else np.zeros(len(coded), dtype=np.intp)
            idx.setflags(write=False)
            values[group_var], index[group_var] = order, idx
        if len(lengths) > 1:
            raise ValueError("All group variables need one value per respondent.")
        return cls(values=MappingProxyType(values), index=MappingProxyType(index), n=lengths.pop() if lengths else 0)


def estimates(answers: Sequence, weights: Sequence[float], *, top_box, missing=(),
              groups: Mapping[str, Sequence] | Groups | None = None, min_n: int = DEFAULT_MIN_N) -> tuple[Estimate, ...]:
    """The top-box share of one question, overall (``group_var`` "all") and for each value of each group
    variable in ``groups`` (values sorted as numbers where they are numbers, else as text; respondents
    without a value are left out of that group's rows). ``groups`` may be coded once for many questions
    (``Groups.build``): the result is the same.

    The base is the valid answers: no code or a missing code excludes the answer; weights are not
    renormalised. y = 1 for a top-box code. p = Σw·y / Σw, n_eff = (Σw)² / Σw² over the valid answers of
    the group, design effect n / n_eff, Wilson's 95 % interval with n_eff in place of n.
    """
    coded = answers if isinstance(answers, Coded) else Coded.build(answers)
    weights = np.asarray(weights, dtype=float)
    if len(coded) != weights.size:
        raise ValueError("One weight per answer is needed.")
    top = {code(value) for value in top_box}
    excluded = {code(value) for value in missing} | {None}
    valid = np.array([c not in excluded for c in coded.codes], dtype=bool)[coded.index]
    y = np.array([c in top for c in coded.codes], dtype=float)[coded.index]
    w, y = np.where(valid, weights, 0.0), np.where(valid, y, 0.0)
    columns = (valid.astype(float), w, w * y, w * w, y)
    result = [_estimate("all", None, *(column.sum() for column in columns), min_n)]  # pairwise: error ~1e-15
    if groups is not None and not isinstance(groups, Groups):
        groups = Groups.build(groups)
    if groups is not None and groups.values and groups.n != weights.size:
        raise ValueError("The groups need one value per answer.")
    for group_var, order in (groups.values.items() if groups is not None else ()):
        index = groups.index[group_var]
        sums = [np.bincount(index, weights=column, minlength=len(order) + 1) for column in columns]
        for i, value in enumerate(order):
            result.append(_estimate(group_var, value, *(column[i] for column in sums), min_n))
    return tuple(result)


def _sort_key(value: str):
    try:
        return (0, float(value), value)
    except ValueError:
        return (1, 0.0, value)


# ---------------------------------------------------------------------------------------------------
# Trends


@dataclass(frozen=True)
class Change:
    """The change of a share from an earlier to a later wave, with its 95 % interval."""

    difference: float  # p_later − p_earlier
    se: float  # √(se_earlier² + se_later²)
    lo: float
    hi: float
    clear: bool  # "deutliche Veränderung": the interval excludes 0

    @property
    def label(self) -> str:
        return "deutliche Veränderung" if self.clear else ""


def change(earlier: Estimate, later: Estimate, z: float = Z95) -> Change | None:
    """p_later − p_earlier ± z·√(se₁² + se₂²), se the Kish–Wilson standard error of each wave (half the
    Wilson interval's width with n_eff, divided by z); None when either wave has no valid answer."""
    if earlier.p is None or later.p is None:
        return None
    difference = later.p - earlier.p
    se = math.sqrt(earlier.se ** 2 + later.se ** 2)
    lo, hi = difference - z * se, difference + z * se
    return Change(difference=difference, se=se, lo=lo, hi=hi, clear=lo > 0 or hi < 0)
