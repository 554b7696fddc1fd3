"""The risk and transparency scores, computed by hand (no database)."""

import pytest

from battery_chain.risk import (
    DEPTH_CELLE,
    DEPTH_GRUVE,
    DEPTH_INGEN,
    DEPTH_RAFFINERI,
    Line,
    Pack,
    Reference,
    depth,
    mix_risk,
    score_product,
)

ALL_HIGH = {"a": "hoy", "b": "hoy"}
# Country risks: A is worse than the default 50, B better.
REF = Reference(
    country_risk={"AA": 90, "BB": 30, "CC": 40},
    shares={"x": {"AA": 50}, "y": {}},
    levels={"x": ALL_HIGH, "y": ALL_HIGH, "z": {"a": "hoy", "b": "middels", "c": "lav"}},
)


def one(material="x", kg=1.0, lines=(), cell_maker="", ref=REF):
    # 10 kWh × kg/10 per kWh = kg of the material.
    return score_product([Pack(kwh=10, contents={material: kg / 10}, cell_maker=cell_maker, lines=lines)], ref)


def test_nothing_disclosed_uses_the_world_mix_plus_the_penalty():
    # mix = 50 % × 90 (AA) + 50 % rest of world × 50 = 70; origin = 70 + 20 = 90
    # factor = 1 (all høy); score = 90 × 1 × 100 / 120 = 75
    assert mix_risk("x", REF) == pytest.approx(70)
    result = one()
    assert result.score == pytest.approx(75)
    assert result.transparency == 0  # ingen


def test_a_disclosed_mine_country_replaces_the_mix_without_penalty():
    # origin = BB 30, penalty 0; score = 30 × 1 × 100 / 120 = 25; depth gruve = 100
    result = one(lines=(Line("x", mine_country="BB"),))
    assert result.score == pytest.approx(25)
    assert result.transparency == 100


def test_a_refiner_country_alone_carries_the_refiner_penalty():
    # origin = CC 40 + 10 = 50; score = 50 × 100 / 120 = 41.67; depth raffineri = 60
    result = one(lines=(Line("x", refiner_country="CC"),))
    assert result.score == pytest.approx(41.6667, abs=1e-3)
    assert result.transparency == 60


def test_mixed_levels_and_no_production_figures():
    # z: levels 100, 60, 20 -> factor 0.6; no shares: mix = 100 % × 50 = 50; origin = 70
    # score = 70 × 0.6 × 100 / 120 = 35
    assert one(material="z").score == pytest.approx(35)


def test_materials_are_weighted_by_quantity():
    # x: 2 kg undisclosed -> 75; y: 1 kg from BB -> origin 30 -> 25
    # product = (2 × 75 + 1 × 25) / 3 = 58.33
    # transparency = (2 × 20 (celle: cell maker named) + 1 × 100) / 3 = 46.67
    pack = Pack(kwh=10, contents={"x": 0.2, "y": 0.1}, cell_maker="LG Chem", lines=(Line("y", mine_country="BB"),))
    result = score_product([pack], REF)
    assert result.score == pytest.approx(58.3333, abs=1e-3)
    assert result.transparency == pytest.approx(46.6667, abs=1e-3)
    x, y = result.materials
    assert (x.material, x.kg, x.weight) == ("x", pytest.approx(2), pytest.approx(2 / 3))
    assert x.contribution == pytest.approx(50)  # 2/3 × 75


def test_partial_shares_leave_the_rest_undisclosed():
    # Line AA 60 % (mine, 90, no penalty); 40 % undisclosed at mix 70 + 20 = 90
    # origin = 0.6 × 90 + 0.4 × 90 = 90 -> score 75; with BB instead of AA: 0.6 × 30 + 0.4 × 90 = 54 -> 45
    assert one(lines=(Line("x", mine_country="AA", share=60),)).score == pytest.approx(75)
    assert one(lines=(Line("x", mine_country="BB", share=60),)).score == pytest.approx(45)


def test_lines_without_shares_split_the_origin_evenly():
    # AA and BB evenly: origin = (90 + 30) / 2 = 60 -> score 50
    lines = (Line("x", mine_country="AA"), Line("x", mine_country="BB"))
    assert one(lines=lines).score == pytest.approx(50)


def test_changing_a_production_share_moves_the_score_as_documented():
    # AA from 50 % to 60 %: mix = 0.6 × 90 + 0.4 × 50 = 74; origin 94; score = 94 / 1.2 = 78.33
    # i.e. +10 percentage points × (90 − 50) × factor 1 / 1.2 = +3.33 points
    before = one().score
    after = one(ref=Reference(REF.country_risk, {"x": {"AA": 60}}, REF.levels)).score
    assert after == pytest.approx(78.3333, abs=1e-3)
    assert after - before == pytest.approx(10 * (90 - 50) / 100 / 1.2)


def test_countries_without_a_score_count_as_the_default():
    # Mine in ZZ (unknown): 50 -> score 50 / 1.2 = 41.67
    assert one(lines=(Line("x", mine_country="ZZ"),)).score == pytest.approx(41.6667, abs=1e-3)


@pytest.mark.parametrize("country_risk", [0, 30, 50, 69.9, 70])
def test_disclosing_a_country_no_worse_than_the_mix_always_lowers_the_score(country_risk):
    ref = Reference({**REF.country_risk, "DD": country_risk}, REF.shares, REF.levels)
    disclosed = one(lines=(Line("x", mine_country="DD"),), ref=ref)
    assert disclosed.score < one(ref=ref).score


def test_even_a_world_mix_of_the_worst_countries_leaves_room_for_the_penalty():
    ref = Reference({"AA": 100}, {"x": {"AA": 100}}, {"x": ALL_HIGH})
    assert one(ref=ref).score == pytest.approx(100)
    assert one(lines=(Line("x", mine_country="AA"),), ref=ref).score < 100


def test_breakdown_adds_up_to_the_score():
    pack = Pack(kwh=50, contents={"x": 0.2, "z": 0.1}, lines=(Line("x", mine_country="BB", share=30),))
    result = score_product([pack], REF)
    assert sum(points for m in result.materials for points in m.countries.values()) == pytest.approx(result.score)
    assert sum(points for m in result.materials for points in m.categories.values()) == pytest.approx(result.score)
    assert result.drivers("countries")[0][0] == ""  # the undisclosed rest of the world drives it


def test_without_a_chemistry_there_is_no_score():
    result = score_product([Pack(kwh=40, contents={}, lines=(Line("x", mine_country="BB"),))], REF)
    assert result.score is None and result.transparency is None
    assert result.materials[0].depth == DEPTH_GRUVE


def test_depth_rule():
    assert depth([Line("x", mine_country="CD", refiner_country="CN")], "") == DEPTH_GRUVE
    assert depth([Line("x", refiner_country="CN")], "LG") == DEPTH_RAFFINERI
    assert depth([Line("x")], "LG Chem") == DEPTH_CELLE
    assert depth([], " ") == DEPTH_INGEN


def test_two_packs_weigh_by_their_capacity():
    # Pack 1: 10 kWh × 0.1 = 1 kg undisclosed (75); pack 2: 30 kWh × 0.1 = 3 kg from BB (25)
    # x = (1 × 75 + 3 × 25) / 4 = 37.5; depth is the weaker one (ingen); transparency = (0 + 300) / 4 = 75
    packs = [Pack(10, {"x": 0.1}), Pack(30, {"x": 0.1}, lines=(Line("x", mine_country="BB"),))]
    result = score_product(packs, REF)
    assert result.score == pytest.approx(37.5)
    assert result.transparency == pytest.approx(75)
    assert result.materials[0].depth == DEPTH_INGEN
