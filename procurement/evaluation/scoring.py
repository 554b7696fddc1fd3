"""Scoring and ranking of bids from the tender's scoring model: pure functions, no ORM.

Exact arithmetic (Fraction) all the way: nothing is rounded until a template
displays it, so two bids with the same score really are a tie and are shown as
one, and the sum of the weighted points is the same whichever order it is added.

The formulas, as the tender states them:
- proportional price: lowest price ÷ price × max points;
- linear price: max points at the lowest price, falling in a straight line to 0
  at a price `zero_percent` above the lowest, and never below 0;
- points scale: the agreed (consensus) points, 0 to max;
- fuel/emission matrix: the points of each vehicle class weighted by its share
  of the offered fleet (shares in percent of the fleet, summing to 100).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

PRICE_PROPORTIONAL = "pris_forholdsmessig"
PRICE_LINEAR = "pris_lineaer"
POINTS = "poengskala"
FUEL_MATRIX = "drivstoffmatrise"

Number = Fraction | Decimal | int


def _f(value: Number) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(value)


def price_proportional(price: Number, lowest: Number, max_points: Number) -> Fraction:
    return _f(lowest) / _f(price) * _f(max_points)


def price_linear(price: Number, lowest: Number, max_points: Number, zero_percent: Number) -> Fraction:
    span = _f(lowest) * _f(zero_percent) / 100
    points = _f(max_points) * (1 - (_f(price) - _f(lowest)) / span)
    return max(points, Fraction(0))


def fuel_matrix(shares: Mapping[object, Number], points: Mapping[object, Number]) -> Fraction:
    """shares: class -> percent of the fleet; points: class -> points of that class."""
    return sum((_f(share) / 100 * _f(points[key]) for key, share in shares.items()), Fraction(0))


@dataclass(frozen=True)
class Criterion:
    key: object
    name: str
    weight: Number  # percent
    method: str
    max_points: Number = 10
    zero_percent: Number | None = None  # linear price model only
    fuel_points: Mapping[object, Number] = field(default_factory=dict)
    is_environmental: bool = False


@dataclass(frozen=True)
class BidInput:
    key: object
    name: str
    price: Number
    points: Mapping[object, Number | None] = field(default_factory=dict)  # criterion key -> agreed points
    fleet: Mapping[object, Number] = field(default_factory=dict)  # fuel class key -> percent


@dataclass(frozen=True)
class Part:
    criterion: Criterion
    points: Fraction | None  # on the criterion's own scale
    weighted: Fraction | None  # points × weight / 100


@dataclass(frozen=True)
class Result:
    bid: BidInput
    parts: tuple[Part, ...]
    total: Fraction | None  # None while a criterion is not scored yet
    rank: int | None = None
    tied: bool = False
    total_without_environment: Fraction | None = None
    rank_without_environment: int | None = None

    @property
    def complete(self) -> bool:
        return self.total is not None

    @property
    def moved_by_environment(self) -> int | None:
        """How many places the climate/environment criterion moved this bid up (negative: down)."""
        if self.rank is None or self.rank_without_environment is None:
            return None
        return self.rank_without_environment - self.rank


def criterion_points(criterion: Criterion, bid: BidInput, lowest_price: Fraction) -> Fraction | None:
    if criterion.method == PRICE_PROPORTIONAL:
        return price_proportional(bid.price, lowest_price, criterion.max_points)
    if criterion.method == PRICE_LINEAR:
        return price_linear(bid.price, lowest_price, criterion.max_points, criterion.zero_percent)
    if criterion.method == FUEL_MATRIX:
        if not bid.fleet:
            return None
        return fuel_matrix(bid.fleet, criterion.fuel_points)
    value = bid.points.get(criterion.key)
    return None if value is None else _f(value)


def ranks(totals: list[Fraction | None]) -> list[tuple[int | None, bool]]:
    """Competition ranking (1, 1, 3): equal totals share a rank and are marked as tied."""
    known = sorted((t for t in totals if t is not None), reverse=True)
    out = []
    for total in totals:
        if total is None:
            out.append((None, False))
        else:
            out.append((known.index(total) + 1, known.count(total) > 1))
    return out


def evaluate(criteria: Iterable[Criterion], bids: Iterable[BidInput]) -> list[Result]:
    """Score every admitted bid; results sorted by rank (ties keep the input order), incomplete ones last."""
    criteria, bids = list(criteria), list(bids)
    if not bids:
        return []
    lowest = min(_f(b.price) for b in bids)
    scored = []
    for bid in bids:
        parts = []
        for c in criteria:
            points = criterion_points(c, bid, lowest)
            parts.append(Part(c, points, None if points is None else points * _f(c.weight) / 100))
        complete = all(p.weighted is not None for p in parts)
        total = sum((p.weighted for p in parts), Fraction(0)) if complete else None
        without = (
            sum((p.weighted for p in parts if not p.criterion.is_environmental), Fraction(0)) if complete else None
        )
        scored.append((bid, tuple(parts), total, without))
    with_env = ranks([s[2] for s in scored])
    without_env = ranks([s[3] for s in scored])
    results = [
        Result(bid, parts, total, rank, tied, without, rank_wo)
        for (bid, parts, total, without), (rank, tied), (rank_wo, _tied) in zip(
            scored, with_env, without_env, strict=True
        )
    ]
    return sorted(results, key=lambda r: (r.rank is None, r.rank or 0))


@dataclass(frozen=True)
class Spread:
    count: int
    low: Fraction | None
    high: Fraction | None
    mean: Fraction | None

    @property
    def width(self) -> Fraction | None:
        return None if self.low is None else self.high - self.low


def spread(points: Iterable[Number]) -> Spread:
    """The evaluators' individual points for one bid and criterion, before they agree."""
    values = [_f(p) for p in points]
    if not values:
        return Spread(0, None, None, None)
    return Spread(len(values), min(values), max(values), sum(values, Fraction(0)) / len(values))


def environment_changes_winner(results: list[Result]) -> bool:
    winners = {r.bid.key for r in results if r.rank == 1}
    winners_without = {r.bid.key for r in results if r.rank_without_environment == 1}
    return bool(winners) and winners != winners_without
