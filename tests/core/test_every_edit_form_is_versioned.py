"""Every form that edits a stored row carries a required version, so a stale second submit cannot revert the first.

The mechanism is core/concurrency.py: a model form is a core.forms.VersionedForm (its version is
required as soon as it edits a saved row), or declares a required hidden ``version`` field itself;
a plain form that edits a row declares ``version = version_field()``. This test finds every model
form in the product by importing every module of every app (forms also live in views), so a new
edit form, or a versioned one turned back into a plain ModelForm, fails here. One case per form.

A model form that never edits an existing row goes in CREATE_ONLY with the reason in one line.
"""

import importlib
import pkgutil

import pytest
from django import forms

from core.forms import VersionedForm

PROJECT_APPS = ("api", "battery_chain", "core", "criteria", "procurement", "reporting", "suppliers")

# Model forms that never save over an existing row, or whose row is guarded by another form's version.
CREATE_ONLY = {
    "procurement.forms.AwardCriterionForm": "a row of the award formset; AwardSettingsForm, submitted with it,"
    " carries the procurement's version for the whole set (procurement.services.save_award)",
    "criteria.forms.VariantForm": "an ambition level's texts, posted with CriterionForm on the same page; the"
    " criterion's version covers them (criteria.services.update_criterion, variant_conflict_rows)",
    # Merged from i15vb: forms of the supplier register and follow-up that only ever add a row.
    "suppliers.follow_up.forms.ActionForm": "adds a corrective action (action_create); its status is"
    " changed through the versioned ActionStatusForm",
    "suppliers.follow_up.forms.DeviationForm": "records a new deviation on a case (deviation_create)",
    "suppliers.follow_up.forms.EscalationForm": "registers a new escalation step (escalation_create)",
    "suppliers.follow_up.forms.ResponseForm": "logs a new response to a request (response_create)",
    "suppliers.register.forms.ObligationForm": "adds an obligation to a contract (obligation_create)",
    "suppliers.register.forms.SignedContractForm": "makes the contract from the award decision, once"
    " (contract_from_award)",
}

# Plain forms that edit a stored row (or a set of rows saved together): each must declare a
# required hidden version (core.forms.version_field()).
ROW_EDITING_PLAIN_FORMS = (
    "procurement.forms.AwardSettingsForm",
    "procurement.forms.ChecklistForm",
    "procurement.forms.CpvForm",
    "procurement.forms.JustificationForm",
    "procurement.forms.PlaceholderForm",
    "procurement.evaluation.forms.ScoringModelForm",
    "procurement.evaluation.forms.OwnScoresForm",
    "procurement.evaluation.forms.ConsensusForm",
    "procurement.evaluation.forms.AwardDecisionForm",
    "suppliers.follow_up.forms.ActionStatusForm",
)


def _import_every_module() -> None:
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{app}."):
            if ".migrations" not in info.name:
                importlib.import_module(info.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _name(cls) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _model_forms() -> dict[str, type]:
    """Every concrete model form of the product (bases without a model, such as DataForm, left out)."""
    _import_every_module()
    found = {}
    for cls in _subclasses(forms.ModelForm):
        if cls.__module__.split(".")[0] in PROJECT_APPS and cls._meta.model is not None:
            found[_name(cls)] = cls
    return dict(sorted(found.items()))


MODEL_FORMS = _model_forms()


def _plain_form(dotted: str) -> type:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _declares_required_version(form_class) -> bool:
    field = form_class.base_fields.get("version")
    return field is not None and field.required and isinstance(field.widget, forms.HiddenInput)


def _is_versioned(form_class) -> bool:
    return issubclass(form_class, VersionedForm) or _declares_required_version(form_class)


@pytest.mark.parametrize("name", [n for n in MODEL_FORMS if n not in CREATE_ONLY])
def test_model_form_carries_a_required_version(name):
    form_class = MODEL_FORMS[name]
    assert _is_versioned(form_class), (
        f"{name} edits {form_class._meta.model.__name__} rows without a required version: make it a "
        "core.forms.VersionedForm (model field `version`, the service checks it under lock_current and bumps), "
        "or add it to CREATE_ONLY with the reason if it never edits a saved row"
    )
    model_fields = {f.name for f in form_class._meta.model._meta.get_fields()}
    if issubclass(form_class, VersionedForm):
        assert "version" in model_fields, f"{name}: {form_class._meta.model.__name__} has no version field"


@pytest.mark.parametrize("name", ROW_EDITING_PLAIN_FORMS)
def test_plain_form_that_edits_a_row_declares_version_field(name):
    assert _declares_required_version(_plain_form(name)), f"{name} needs `version = version_field()`"


def test_the_lists_name_forms_that_exist():
    """A renamed or deleted form leaves no stale entry that would excuse its successor."""
    assert set(CREATE_ONLY) <= set(MODEL_FORMS), set(CREATE_ONLY) - set(MODEL_FORMS)
    for name in ROW_EDITING_PLAIN_FORMS:
        assert issubclass(_plain_form(name), forms.Form) and not issubclass(_plain_form(name), forms.ModelForm)


def test_the_guard_sees_the_versioned_forms():
    """The walk itself works: it finds the forms known to be versioned, in apps and in nested packages."""
    for name in (
        "procurement.forms.ProcurementForm",
        "procurement.evaluation.forms.BidForm",
        "suppliers.register.forms.ContractForm",
        "core.forms.OrganizationSettingsForm",
    ):
        assert name in MODEL_FORMS and _is_versioned(MODEL_FORMS[name]), name


def test_a_plain_model_form_is_caught():
    """A versioned form turned back into a plain ModelForm fails the check (and the base without a model is skipped)."""
    from procurement.models import Requirement

    class Unversioned(forms.ModelForm):
        class Meta:
            model = Requirement
            fields = ["title"]

    class OptionalVersion(forms.ModelForm):
        version = forms.IntegerField(widget=forms.HiddenInput, required=False)

        class Meta:
            model = Requirement
            fields = ["title"]

    assert not _is_versioned(Unversioned)
    assert not _is_versioned(OptionalVersion)
