"""Which part of the regulation applies, and § 7-9 as the live panel and the gate apply it."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from procurement import gate, rules
from procurement.models import AwardCriterion, Procurement, Threshold
from tests.factories import procurement, requirement

pytestmark = pytest.mark.django_db
ON = date(2025, 6, 1)


@pytest.mark.parametrize(
    ("value", "kind", "buyer_type", "part"),
    [
        (90_000, "varer", "annen", "under"),
        (100_000, "varer", "annen", "del_1"),
        (1_299_999, "tjenester", "statlig", "del_1"),
        (1_300_000, "varer", "statlig", "del_2"),
        (1_489_999, "varer", "statlig", "del_2"),
        (1_490_000, "varer", "statlig", "del_3"),
        (2_000_000, "varer", "annen", "del_2"),  # other buyers' EEA threshold is 2.3 M
        (2_300_000, "varer", "annen", "del_3"),
        # Utilities follow forsyningsforskriften, which has no Part II (issue 14: was del_2 / del_3).
        (4_000_000, "varer", "forsyning", "act_only"),
        (4_600_000, "tjenester", "forsyning", "forsyning"),
        (50_000_000, "bygg_og_anlegg", "statlig", "del_2"),
        (57_800_000, "bygg_og_anlegg", "annen", "del_3"),
        (7_000_000, "saerlige_tjenester", "annen", "del_2"),
        # Special services over their threshold have their own procedure rules (issue 14: was del_3).
        (7_800_000, "saerlige_tjenester", "annen", "saerlige"),
    ],
)
def test_regime_follows_the_threshold_tables(value, kind, buyer_type, part):
    regime = rules.regime_for(value=Decimal(value), kind=kind, buyer_type=buyer_type, on=ON)
    assert regime.part == part
    assert not regime.outdated


def test_a_date_after_the_last_table_uses_it_and_says_so():
    regime = rules.regime_for(value=Decimal(2_500_000), kind="varer", buyer_type="annen", on=date(2026, 3, 1))
    assert regime.part == "del_3"
    assert regime.outdated


def test_a_new_table_row_takes_over_from_its_date():
    Threshold.objects.create(key="nasjonal", amount=Decimal(1_500_000), valid_from=date(2026, 1, 1))
    assert (
        rules.regime_for(value=Decimal(1_400_000), kind="varer", buyer_type="annen", on=date(2026, 2, 1)).part
        == "del_1"
    )
    assert rules.regime_for(value=Decimal(1_400_000), kind="varer", buyer_type="annen", on=ON).part == "del_2"


def awards(*rows):
    return [
        AwardCriterion(name=name, weight=weight, is_environmental=env, is_price=name == "Pris")
        for name, weight, env in rows
    ]


def test_sixty_forty_passes(org):
    p = procurement(organization=org)
    result = rules.environment_rule(p, awards(("Pris", 60, False), ("Miljø", 40, True)), on=ON)
    assert result.applies and result.passed
    assert result.environment_weight == 40 and result.total_weight == 100


def test_twenty_percent_environment_blocks_until_an_exception_is_chosen_and_justified(org):
    p = procurement(organization=org)
    rows = awards(("Pris", 80, False), ("Miljø", 20, True))
    result = rules.environment_rule(p, rows, on=ON)
    assert not result.passed
    assert "minst 30" in result.errors[0].message

    p.rule_exception = Procurement.RuleException.SPECIFICATION
    assert not rules.environment_rule(p, rows, on=ON).passed, "an exception without justification is not enough"

    p.rule_exception_justification = "Kravspesifikasjonen stiller krav om nullutslipp, som gir større effekt."
    assert not rules.environment_rule(p, rows, on=ON).passed, "the route needs a requirement in the specification"
    requirement(p, title="Nullutslipp", text="Bussene skal ha nullutslipp.", environmental=True)
    assert rules.environment_rule(p, rows, on=ON).passed


def test_weights_of_99_block_always_even_with_a_justified_exception(org):
    p = procurement(
        organization=org,
        rule_exception=Procurement.RuleException.INSIGNIFICANT,
        rule_exception_justification="Ubetydelig avtrykk.",
    )
    result = rules.environment_rule(p, awards(("Pris", 59, False), ("Miljø", 40, True)), on=ON)
    assert not result.passed
    assert "99" in result.errors[0].message


def test_a_90_000_purchase_is_exempt(org):
    p = procurement(organization=org, estimated_value=90_000)
    result = rules.environment_rule(p, awards(("Pris", 100, False)), on=ON)
    assert not result.applies and result.passed
    assert any("gjelder ikke" in c.message for c in result.checks)
    assert any(c.level == "advarsel" and "Bare pris" in c.message for c in result.checks), "price-only is flagged"


def test_price_only_is_flagged_and_blocks_when_the_rule_applies(org):
    p = procurement(organization=org)
    result = rules.environment_rule(p, awards(("Pris", 100, False)), on=ON)
    assert any(c.level == "advarsel" and "Bare pris" in c.message for c in result.checks)
    assert not result.passed


def test_ranked_criteria_need_environment_in_the_top_three(org):
    p = procurement(organization=org, award_method=Procurement.AwardMethod.RANKED)

    def ranked(env_rank):
        names = ["Pris", "Kvalitet", "Service", "Miljø"]
        others = [r for r in (1, 2, 3, 4) if r != env_rank]
        rows = [AwardCriterion(name=n, rank=r) for n, r in zip(names[:3], others, strict=True)]
        return [*rows, AwardCriterion(name="Miljø", rank=env_rank, is_environmental=True)]

    assert rules.environment_rule(p, ranked(3), on=ON).passed
    # The 2024 text says "bør" for the ranked case: fourth is a warning; the 2026 text says "skal".
    fourth = rules.environment_rule(p, ranked(4), on=ON)
    assert fourth.passed and any(c.level == "advarsel" and "bør" in c.message for c in fourth.checks)
    assert not rules.environment_rule(p, ranked(4), on=date(2026, 8, 1)).passed
    duplicate = [AwardCriterion(name="Pris", rank=1), AwardCriterion(name="Miljø", rank=1, is_environmental=True)]
    assert not rules.environment_rule(p, duplicate, on=ON).passed


def test_the_gate_lists_each_problem_with_a_link_to_fix_it(org):
    p = procurement(organization=org)
    messages = [problem.message for problem in gate.problems(p)]
    assert any("ingen krav" in m for m in messages)
    assert any("høyrisikoliste" in m for m in messages) is False, "the test category is not high-risk"

    hole = requirement(p, text="Bussene skal ha [antall] seter.")
    AwardCriterion.objects.create(procurement=p, name="Pris", weight=99, is_price=True)
    problems = gate.problems(p)
    edit_url = reverse("procurement:requirement_placeholders", args=[p.pk, hole.pk])
    assert [problem.url for problem in problems if "[antall]" in problem.message] == [edit_url]
    assert any("99" in problem.message and problem.url.endswith("/tildeling/") for problem in problems)


def test_below_100_000_neither_the_act_nor_the_regulation_applies():
    regime = rules.regime_for(value=Decimal(99_999), kind="varer", buyer_type="annen", on=ON)
    assert regime.part == "under"
    assert "Verken anskaffelsesloven eller forskriftene gjelder" in regime.explanation


def test_utilities_get_forsyningsforskriften_terms_never_part_two():
    for value in (200_000, 1_400_000, 4_599_999):
        regime = rules.regime_for(value=Decimal(value), kind="varer", buyer_type="forsyning", on=ON)
        assert regime.part == "act_only" and "Del" not in regime.label
        assert "bare anskaffelsesloven" in regime.explanation
    above = rules.regime_for(value=Decimal(5_000_000), kind="varer", buyer_type="forsyning", on=ON)
    assert above.label.startswith("Forsyningsforskriften")


def test_special_services_over_their_threshold_get_their_own_procedure_text():
    regime = rules.regime_for(value=Decimal(8_000_000), kind="saerlige_tjenester", buyer_type="annen", on=ON)
    assert "særlige tjenester" in regime.label and "egne, enklere prosedyreregler" in regime.explanation


def test_a_date_without_any_threshold_row_is_unknown_not_part_one():
    regime = rules.regime_for(value=Decimal(500_000), kind="varer", buyer_type="annen", on=date(2023, 6, 1))
    assert regime.part == "unknown" and regime.unknown and not regime.regulated


@pytest.mark.parametrize(
    ("procedure", "value", "buyer_type", "warns"),
    [
        ("direkte", 18_000_000, "annen", True),
        ("direkte", 500_000, "annen", False),
        ("nasjonal", 1_400_000, "annen", False),
        ("nasjonal", 3_000_000, "annen", True),  # over the EEA threshold
        ("nasjonal", 1_400_000, "forsyning", True),  # utilities have no Part II
        ("apen", 18_000_000, "annen", False),
    ],
)
def test_the_procedure_is_checked_against_value_and_regime(procedure, value, buyer_type, warns):
    regime = rules.regime_for(value=Decimal(value), kind="varer", buyer_type=buyer_type, on=ON)
    assert bool(rules.procedure_warnings(procedure, regime)) is warns


def test_the_publish_page_warns_about_a_direct_award_at_18_mnok(officer_client, org):
    p = procurement(organization=org, estimated_value=18_000_000, procedure="direkte")
    page = officer_client.get(reverse("procurement:publish", args=[p.pk])).content.decode()
    assert 'data-testid="procedure-warnings"' in page and "Direkte anskaffelse" in page
