"""§ 7-9 under both texts, table-driven, against the rule rows the migrations load (issue 14).

Each row: the rule date, the set-up, whether it passes, and the DFØ eForms code
(BT-539) it maps to. The days either side of 2026-07-01 are used on purpose.
"""

from datetime import date
from decimal import Decimal

import pytest

from procurement import rules, seven_nine
from procurement.seven_nine import Criterion, SetUp

pytestmark = pytest.mark.django_db

OLD, NEW = date(2026, 6, 30), date(2026, 7, 1)  # last day of the 2024 text, first of the revision
JUSTIFIED = "Begrunnelse som står i konkurransegrunnlaget."


def weighted(env, price=None, **kw):
    price = 100 - env if price is None else price
    return SetUp(
        value=Decimal(2_000_000),
        method=seven_nine.WEIGHTED,
        criteria=(Criterion(weight=price, is_price=True), Criterion(weight=env, is_environmental=True)),
        **kw,
    )


def ranked(env_rank, **kw):
    others = [r for r in (1, 2, 3, 4) if r != env_rank]
    return SetUp(
        value=Decimal(2_000_000),
        method=seven_nine.RANKED,
        criteria=(*(Criterion(rank=r) for r in others), Criterion(rank=env_rank, is_environmental=True)),
        **kw,
    )


def chose(key, setup=None, justification=JUSTIFIED, spec=0):
    base = setup or weighted(0)
    return SetUp(
        value=base.value,
        method=base.method,
        criteria=base.criteria,
        chosen=key if isinstance(key, tuple) else (key,),
        justification=justification,
        specification_environment_requirements=spec,
    )


CASES = [
    # id, rule date, set-up, passes, eForms code
    ("2024 weight 30 %", OLD, weighted(30), True, "quality-nor-env-criteria"),
    ("2024 weight 29 %", OLD, weighted(29), False, None),
    ("2026 weight 30 %", NEW, weighted(30), True, "quality-nor-env-criteria"),
    ("2026 weight 29 %", NEW, weighted(29), False, None),
    ("2024 ranked third", OLD, ranked(3), True, "quality-nor-env-criteria"),
    ("2024 ranked fourth: bør, a warning", OLD, ranked(4), True, "quality-nor-env-criteria"),
    ("2026 ranked third", NEW, ranked(3), True, "quality-nor-env-criteria"),
    ("2026 ranked fourth: skal", NEW, ranked(4), False, None),
    ("2024 weights sum to 90", OLD, weighted(30, price=60), False, None),
    ("2026 weights sum to 110", NEW, weighted(40, price=70), False, None),
    ("2024 price only", OLD, weighted(0), False, None),
    ("2024 spec route with a spec requirement", OLD, chose("kravspesifikasjon", spec=1), True, "quality-nor-env-spec"),
    ("2024 spec route without a spec requirement", OLD, chose("kravspesifikasjon", spec=0), False, None),
    (
        "2026 spec route together with a 10 % criterion",
        NEW,
        chose("kravspesifikasjon", weighted(10), spec=2),
        True,
        "quality-nor-env-spec",
    ),
    ("2026 spec route without a spec requirement", NEW, chose("kravspesifikasjon", spec=0), False, None),
    ("2026 spec route, empty justification", NEW, chose("kravspesifikasjon", justification="  ", spec=1), False, None),
    ("2024 insignificant footprint", OLD, chose("ubetydelig"), True, "quality-nor-env-none"),
    ("2024 insignificant, empty justification", OLD, chose("ubetydelig", justification=""), False, None),
    ("2026 insignificant footprint", NEW, chose("ubetydelig"), True, "quality-nor-env-exempt-insignificant"),
    (
        "2026 health, safety or preparedness",
        NEW,
        chose("kritisk_interesse"),
        True,
        "quality-nor-env-exempt-critical-interest",
    ),
    (
        "2026 mandated national minimum",
        NEW,
        chose("nasjonalt_minstekrav"),
        True,
        "quality-nor-env-exempt-national-minimum",
    ),
    ("2026 national minimum, empty justification", NEW, chose("nasjonalt_minstekrav", justification=""), False, None),
    ("2024 has no health/safety exception", OLD, chose("kritisk_interesse"), False, None),
    ("2024 has no national-minimum exception", OLD, chose("nasjonalt_minstekrav"), False, None),
    ("2026 two exceptions at once", NEW, chose(("ubetydelig", "kritisk_interesse")), False, None),
    (
        "2026 exception with a weighted 30 %",
        NEW,
        chose("ubetydelig", weighted(30)),
        True,
        "quality-nor-env-exempt-insignificant",
    ),
    (
        "under 100 000 NOK",
        NEW,
        SetUp(value=Decimal(99_999), method="vekting", criteria=(Criterion(100, is_price=True),)),
        True,
        None,
    ),
    ("2023: no § 7-9 text in force", date(2023, 6, 1), weighted(10), True, None),
]


@pytest.mark.parametrize(("on", "setup", "passes", "code"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_seven_nine_case(on, setup, passes, code):
    result = seven_nine.outcome(setup, rules.rule_set_on(on))
    assert result.passed is passes, [c.message for c in result.checks]
    assert result.eforms_code == code


def test_there_are_at_least_twenty_cases():
    assert len(CASES) >= 20


def test_each_text_offers_exactly_its_own_routes_with_their_paragraphs():
    old, new = rules.rule_set_on(OLD), rules.rule_set_on(NEW)
    assert {r.key: r.paragraph for r in old.choices} == {"kravspesifikasjon": "§ 7-9 (4)", "ubetydelig": "§ 7-9 (5)"}
    assert {r.key: r.paragraph for r in new.choices} == {
        "kravspesifikasjon": "§ 7-9 (2)",
        "ubetydelig": "§ 7-9 (3)",
        "kritisk_interesse": "§ 7-9 (3)",
        "nasjonalt_minstekrav": "§ 7-9 (4)",
    }
    assert old.of_kind("rangering").obligation == "bør" and new.of_kind("rangering").obligation == "skal"
    assert "2026" in new.text_label and "2024" in old.text_label


def test_ranked_fourth_under_the_2024_text_warns_with_bor():
    result = seven_nine.outcome(ranked(4), rules.rule_set_on(OLD))
    assert [c.message for c in result.checks if c.level == "advarsel"] == [
        "Ved rangering bør klima og miljø være blant de 3 øverste kriteriene (§ 7-9 (3))."
    ]


def test_two_exceptions_are_refused_by_name():
    result = seven_nine.outcome(chose(("ubetydelig", "kritisk_interesse")), rules.rule_set_on(NEW))
    assert "utelukker hverandre" in result.errors[0].message


def test_a_new_row_in_the_admin_changes_the_rule_without_code(org):
    """The minimum weight is data: a later row takes over from its date."""
    from procurement.models import RuleParameter

    RuleParameter.objects.filter(key="min_miljovekt").update(valid_to=date(2027, 12, 31))
    RuleParameter.objects.create(key="min_miljovekt", value=Decimal(40), valid_from=date(2028, 1, 1))
    assert seven_nine.outcome(weighted(35), rules.rule_set_on(date(2027, 6, 1))).passed
    assert not seven_nine.outcome(weighted(35), rules.rule_set_on(date(2028, 6, 1))).passed


def test_eforms_code_for_a_saved_procurement(org):
    from procurement.models import AwardCriterion
    from tests.factories import procurement

    p = procurement(organization=org, rule_exception="ubetydelig", rule_exception_justification=JUSTIFIED)
    AwardCriterion.objects.create(procurement=p, name="Pris", weight=100, is_price=True)
    assert rules.eforms_code_for(p, on=NEW) == "quality-nor-env-exempt-insignificant"
    assert rules.eforms_code_for(p, on=OLD) == "quality-nor-env-none"
