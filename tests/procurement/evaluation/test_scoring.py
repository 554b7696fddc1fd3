"""The scoring formulas against numbers worked out by hand (no database)."""

from fractions import Fraction

from procurement.evaluation import scoring as s


def test_proportional_price_gives_lowest_over_price_times_max():
    assert s.price_proportional(1_000_000, 1_000_000, 10) == 10
    assert s.price_proportional(1_250_000, 1_000_000, 10) == 8
    # 1 000 000 / 1 200 000 × 10 = 25/3: kept exact, not 8.33
    assert s.price_proportional(1_200_000, 1_000_000, 10) == Fraction(25, 3)


def test_linear_price_falls_to_zero_at_the_stated_bound_and_not_below():
    # lowest 1 000 000, 0 points at 50 % above it (1 500 000): 1 200 000 is 2/5 of the way → 6 points
    assert s.price_linear(1_000_000, 1_000_000, 10, 50) == 10
    assert s.price_linear(1_200_000, 1_000_000, 10, 50) == 6
    assert s.price_linear(1_500_000, 1_000_000, 10, 50) == 0
    assert s.price_linear(1_600_000, 1_000_000, 10, 50) == 0


def test_points_scale_uses_the_agreed_points_on_a_0_to_10_scale():
    quality = s.Criterion("q", "Kvalitet", 40, s.POINTS)
    price = s.Criterion("p", "Pris", 60, s.PRICE_PROPORTIONAL)
    bids = [s.BidInput("a", "A", 100, {"q": 7}), s.BidInput("b", "B", 200, {"q": 10})]
    results = {r.bid.key: r for r in s.evaluate([price, quality], bids)}
    # A: 10 × 0.6 + 7 × 0.4 = 8.8; B: 5 × 0.6 + 10 × 0.4 = 7
    assert results["a"].total == Fraction(88, 10)
    assert results["b"].total == 7
    assert results["a"].rank == 1 and results["b"].rank == 2


def test_missing_agreed_points_leave_the_bid_unranked():
    quality = s.Criterion("q", "Kvalitet", 100, s.POINTS)
    results = s.evaluate([quality], [s.BidInput("a", "A", 100, {"q": None}), s.BidInput("b", "B", 100, {"q": 3})])
    assert [r.bid.key for r in results] == ["b", "a"]
    assert results[1].rank is None and not results[1].complete


def test_fuel_matrix_weights_class_points_by_fleet_share():
    points = {"zero": 10, "euro6": 4, "older": 0}
    # 50 % × 10 + 30 % × 4 + 20 % × 0 = 6.2
    assert s.fuel_matrix({"zero": 50, "euro6": 30, "older": 20}, points) == Fraction(62, 10)
    matrix = s.Criterion("m", "Kjøretøy", 100, s.FUEL_MATRIX, fuel_points=points)
    [result] = s.evaluate([matrix], [s.BidInput("a", "A", 1, fleet={"zero": 100})])
    assert result.total == 10


def test_equal_totals_are_a_tie_sharing_the_rank():
    price = s.Criterion("p", "Pris", 50, s.PRICE_PROPORTIONAL)
    quality = s.Criterion("q", "Kvalitet", 50, s.POINTS)
    bids = [
        s.BidInput("a", "A", 100, {"q": 6}),
        # 100/125 × 10 = 8 on price, 8 on quality: 8 × 0.5 + 8 × 0.5 = 8; A: 10 × 0.5 + 6 × 0.5 = 8
        s.BidInput("b", "B", 125, {"q": 8}),
        s.BidInput("c", "C", 200, {"q": 5}),
    ]
    results = {r.bid.key: r for r in s.evaluate([price, quality], bids)}
    assert results["a"].total == results["b"].total == 8
    assert (results["a"].rank, results["a"].tied) == (1, True)
    assert (results["b"].rank, results["b"].tied) == (1, True)
    assert (results["c"].rank, results["c"].tied) == (3, False)


def test_environment_at_30_percent_changes_the_winner_among_five_bids():
    price = s.Criterion("p", "Pris", 70, s.PRICE_PROPORTIONAL)
    env = s.Criterion("e", "Klima og miljø", 30, s.POINTS, is_environmental=True)
    bids = [
        s.BidInput("A", "A", 100, {"e": 2}),
        s.BidInput("B", "B", 110, {"e": 9}),
        s.BidInput("C", "C", 120, {"e": 5}),
        s.BidInput("D", "D", 130, {"e": 10}),
        s.BidInput("E", "E", 150, {"e": 8}),
    ]
    results = s.evaluate([price, env], bids)
    by_key = {r.bid.key: r for r in results}
    # B: 0.7 × 100/110 × 10 + 0.3 × 9 = 70/11 + 27/10 = 997/110 ≈ 9.06
    assert by_key["B"].total == Fraction(997, 110)
    # A: 0.7 × 10 + 0.3 × 2 = 7.6; D: 0.7 × 100/130 × 10 + 3 = 70/13 + 3 ≈ 8.38
    assert by_key["A"].total == Fraction(76, 10)
    assert by_key["D"].total == Fraction(70, 13) + 3
    assert [r.bid.key for r in results] == ["B", "D", "A", "C", "E"]
    # Without the environment criterion price alone decides: A, B, C, D, E.
    assert [by_key[k].rank_without_environment for k in "ABCDE"] == [1, 2, 3, 4, 5]
    assert by_key["B"].moved_by_environment == 1
    assert by_key["D"].moved_by_environment == 2
    assert by_key["A"].moved_by_environment == -2
    assert s.environment_changes_winner(results)


def test_spread_of_evaluators_points():
    spread = s.spread([6, 8, 7])
    assert (spread.count, spread.low, spread.high, spread.mean, spread.width) == (3, 6, 8, 7, 2)
    assert s.spread([]).mean is None
