"""The scoring model as the tender document prints it (PDF and DOCX): plain data, in the product's words."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from procurement.evaluation import selectors
from procurement.evaluation.models import ScoringMethod
from procurement.models import Procurement


@dataclass(frozen=True)
class ModelLine:
    name: str
    weight: int | None
    method: str  # the method's label
    formula: str
    scale_description: str = ""
    fuel_classes: tuple[tuple[str, str], ...] = ()  # (class, points as text)


def _number(value) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def formula(model) -> str:
    top = _number(model.max_points)
    if model.method == ScoringMethod.PRICE_PROPORTIONAL:
        return _("Laveste pris ÷ tilbudt pris × %(max)s poeng.") % {"max": top}
    if model.method == ScoringMethod.PRICE_LINEAR:
        return _(
            "Laveste pris gir %(max)s poeng. Poengene synker lineært til 0 ved en pris %(p)s %% over laveste pris; "
            "ingen får under 0 poeng."
        ) % {"max": top, "p": _number(model.linear_zero_percent)}
    if model.method == ScoringMethod.FUEL_MATRIX:
        return _(
            "Hver kjøretøyklasse gir poengene i tabellen, vektet med klassens andel av kjøretøyene som tilbys (0–%(max)s poeng)."
        ) % {"max": top}
    return _("Skjønnsmessig vurdering på en skala fra 0 til %(max)s poeng.") % {"max": top}


def model_lines(procurement: Procurement) -> tuple[ModelLine, ...]:
    """Two queries: the criteria with their models, and the fuel classes."""
    return tuple(
        ModelLine(
            name=c.name,
            weight=c.weight,
            method=c.model.get_method_display(),
            formula=formula(c.model),
            scale_description=c.model.scale_description,
            fuel_classes=tuple((fc.name, _number(fc.points)) for fc in c.classes),
        )
        for c in selectors.award_criteria(procurement)
    )


def summary() -> str:
    return _(
        "Poengene på hvert kriterium ganges med kriteriets vekt, og tilbudet med høyest sum vinner. "
        "Det rundes ikke av underveis; like summer er likt rangert."
    )


def evaluation_model_context(procurement: Procurement) -> dict:
    """What the tender templates (PDF) and the DOCX writer need about the scoring model."""
    return {"evaluation_model": model_lines(procurement), "evaluation_summary": summary()}
