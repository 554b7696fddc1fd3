"""The tender builder: requirements from the library (htmx), custom requirements, award criteria."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.access import organization_required
from core.concurrency import StaleEdit, conflict_rows, data_with_version, rebound_with_current_version
from core.http import confirm, is_htmx, paginate, refuse, show_refusal
from criteria import diff
from criteria.access import library_criterion_for
from criteria.models import Kind
from criteria.selectors import is_visible_to
from procurement import placeholders, rules, selectors, services
from procurement.access import procurement_for, require_write, requirement_for
from procurement.forms import (
    STARTING_ROWS,
    AwardSettingsForm,
    JustificationForm,
    PlaceholderForm,
    RequirementForm,
    award_formset,
)
from procurement.models import AwardCriterion

# Library criteria shown per page in the builder's side panel.
LIBRARY_PAGE_SIZE = 20


def _builder_context(request, procurement, justification_form=None) -> dict:
    initial = {"justification": procurement.high_risk_justification, "version": procurement.version}
    return {
        **selectors.builder(
            procurement,
            request.organization,
            q=request.GET.get("q", ""),
            paginate=lambda library: paginate(request, library, size=LIBRARY_PAGE_SIZE),
        ),
        "justification_form": justification_form or JustificationForm(initial=initial),
    }


def _builder_part(request, procurement):
    return render(request, "procurement/_builder.html", {**_builder_context(request, procurement), "partial": True})


def _builder_response(request, procurement):
    """htmx gets the builder's body back; a plain form post goes back to the page."""
    if is_htmx(request):
        return _builder_part(request, procurement)
    return redirect("procurement:requirements", procurement_id=procurement.pk)


@organization_required
@require_http_methods(["GET"])
def requirements(request, procurement_id):
    procurement = procurement_for(request, procurement_id)
    if is_htmx(request):
        return _builder_part(request, procurement)
    return render(request, "procurement/requirements.html", _builder_context(request, procurement))


@organization_required
@require_POST
def requirement_add(request, procurement_id):
    procurement = procurement_for(request, procurement_id, write=True)
    criterion = library_criterion_for(request, request.POST.get("criterion"))
    try:
        services.add_from_library(
            procurement=procurement, criterion=criterion, level=request.POST.get("level", "basis"), user=request.user
        )
    except ValidationError as exc:
        show_refusal(request, exc)
    return _builder_response(request, procurement)


@organization_required
@require_POST
def requirement_move(request, procurement_id, requirement_id):
    procurement = procurement_for(request, procurement_id, write=True)
    requirement = requirement_for(request, requirement_id, procurement=procurement)
    try:
        services.move_requirement(
            requirement=requirement, user=request.user, direction=request.POST.get("retning", "opp")
        )
    except ValidationError as exc:
        show_refusal(request, exc)
    return _builder_response(request, procurement)


@organization_required
@require_http_methods(["GET", "POST"])
def requirement_remove(request, procurement_id, requirement_id):
    procurement = procurement_for(request, procurement_id, write=True)
    requirement = requirement_for(request, requirement_id, procurement=procurement)
    if request.method == "POST":
        try:
            services.remove_requirement(requirement=requirement, user=request.user)
        except ValidationError as exc:
            return refuse(request, exc, "procurement:requirements", procurement_id=procurement.pk)
        return _builder_response(request, procurement)
    return confirm(
        request,
        title=_("Fjerne kravet?"),
        question=_("«%(title)s» fjernes fra anskaffelsen. Egne endringer i teksten går tapt.")
        % {"title": requirement.title},
        confirm_label=_("Fjern kravet"),
        cancel_url=reverse("procurement:requirements", args=[procurement.pk]),
    )


@organization_required
@require_http_methods(["GET", "POST"])
def requirement_edit(request, procurement_id, requirement_id=None):
    procurement = procurement_for(request, procurement_id)
    requirement = requirement_for(request, requirement_id, procurement=procurement) if requirement_id else None
    if request.method == "POST":
        require_write(request)
    initial = {"section": request.GET.get("del", Kind.SPECIFICATION)} if requirement is None else None
    form = RequirementForm(request.POST or None, instance=requirement, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            if requirement is None:
                services.add_custom(procurement=procurement, user=request.user, data=form.data_dict())
                messages.success(request, _("Kravet er lagt til."))
            else:
                services.update_requirement(
                    requirement=requirement,
                    user=request.user,
                    data=form.data_dict(),
                    version=form.submitted_version(),
                )
                messages.success(request, _("Kravet er lagret."))
        except StaleEdit as stale:
            conflict = conflict_rows(form, stale.current)
            form = rebound_with_current_version(RequirementForm, form, stale.current)
            form.is_valid()
        except ValidationError as exc:
            return refuse(request, exc, "procurement:requirements", procurement_id=procurement.pk)
        else:
            return redirect("procurement:requirements", procurement_id=procurement.pk)
    return render(
        request,
        "procurement/requirement_form.html",
        {"procurement": procurement, "requirement": requirement, "form": form, "conflict": conflict},
    )


@organization_required
@require_http_methods(["GET", "POST"])
def requirement_placeholders(request, procurement_id, requirement_id):
    """Fill the [placeholders] one field each, instead of editing the whole requirement text."""
    procurement = procurement_for(request, procurement_id)
    requirement = requirement_for(request, requirement_id, procurement=procurement)
    slots = placeholders.slots({f: getattr(requirement, f) for f in placeholders.FIELDS})
    if request.method == "POST":
        require_write(request)
    form = PlaceholderForm(request.POST or None, slots=slots, initial={"version": requirement.version})
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            services.fill_placeholders(
                requirement=requirement, user=request.user, values=form.values(), version=form.cleaned_data["version"]
            )
        except StaleEdit as stale:
            # The requirement as saved now, its placeholders with the values typed here (by position):
            # nothing typed is lost, and saving again fills them on purpose.
            conflict, requirement = True, stale.current
            slots = placeholders.slots({f: getattr(requirement, f) for f in placeholders.FIELDS})
            form = PlaceholderForm(data_with_version(form, requirement.version), slots=slots)
            form.is_valid()
        except ValidationError as exc:
            return refuse(request, exc, "procurement:requirements", procurement_id=procurement.pk)
        else:
            messages.success(request, _("Plassholderne er fylt ut."))
            return redirect("procurement:requirements", procurement_id=procurement.pk)
    return render(
        request,
        "procurement/requirement_placeholders.html",
        {"procurement": procurement, "requirement": requirement, "form": form, "conflict": conflict},
    )


@organization_required
@require_http_methods(["GET", "POST"])
def requirement_update(request, procurement_id, requirement_id):
    """Show what the library's newer revision changes, and take it in one click."""
    procurement = procurement_for(request, procurement_id)
    requirement = requirement_for(request, requirement_id, procurement=procurement)
    if not requirement.has_newer_revision:
        messages.info(request, _("Kravet bruker allerede bibliotekets nyeste revisjon."))
        return redirect("procurement:requirements", procurement_id=procurement.pk)
    if not is_visible_to(requirement.criterion_id, procurement.organization):
        messages.info(request, _("Kriteriet er ikke lenger delt med organisasjonen din. Kravet beholder teksten sin."))
        return redirect("procurement:requirements", procurement_id=procurement.pk)
    if request.method == "POST":
        require_write(request)
        try:
            services.update_to_latest_revision(requirement=requirement, user=request.user)
        except ValidationError as exc:
            return refuse(request, exc, "procurement:requirements", procurement_id=procurement.pk)
        messages.success(
            request, _("Kravet bruker nå revisjon %(n)s.") % {"n": requirement.criterion.current_revision.number}
        )
        return redirect("procurement:requirements", procurement_id=procurement.pk)
    comparison = diff.compare(requirement.source_revision, requirement.criterion.current_revision)
    return render(
        request,
        "procurement/requirement_update.html",
        {"procurement": procurement, "requirement": requirement, "comparison": comparison},
    )


@organization_required
@require_POST
def high_risk_justification(request, procurement_id):
    procurement = procurement_for(request, procurement_id, write=True)
    form = JustificationForm(request.POST)
    if form.is_valid():
        try:
            services.save_high_risk_justification(
                procurement=procurement,
                user=request.user,
                justification=form.cleaned_data["justification"],
                version=form.cleaned_data["version"],
            )
        except StaleEdit as stale:
            # The page again with what was typed and the current version: saving again overwrites on purpose.
            form = JustificationForm(data_with_version(form, stale.current.version))
            context = _builder_context(request, stale.current, justification_form=form)
            return render(request, "procurement/requirements.html", {**context, "conflict": True})
        except ValidationError as exc:
            return refuse(request, exc, "procurement:requirements", procurement_id=procurement.pk)
        messages.success(request, _("Begrunnelsen er lagret."))
    else:
        messages.error(request, form.errors["version"][0] if "version" in form.errors else _("Skriv en begrunnelse."))
    return redirect("procurement:requirements", procurement_id=procurement.pk)


def _award_forms(request, procurement, data=None):
    requirement_choices = [(str(r.pk), r.title) for r in procurement.requirements.order_by("section", "position")]
    has_saved = procurement.award_criteria.exists()
    rule_set = rules.rule_set_on(rules.rule_date(procurement))
    formset = award_formset(0 if has_saved else len(STARTING_ROWS))(
        data,
        queryset=procurement.award_criteria.prefetch_related("requirements"),
        initial=None if has_saved else STARTING_ROWS,
        form_kwargs={"requirement_choices": requirement_choices},
        prefix="kriterier",
    )
    settings_form = AwardSettingsForm(
        data,
        rule_set=rule_set,
        initial={
            "version": procurement.version,
            "method": procurement.award_method,
            "exception": procurement.rule_exception,
            "justification": procurement.rule_exception_justification,
        },
    )
    return settings_form, formset


def _rows(formset) -> list:
    return [
        f.to_row()
        for f in formset.forms
        if f.is_valid() and f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("name")
    ]


def _preview_compliance(procurement, settings_form, formset):
    """The § 7-9 panel for what is on screen, saved or not."""
    method = settings_form.cleaned_data.get("method") if settings_form.is_valid() else procurement.award_method
    preview = [
        AwardCriterion(
            name=r.name, weight=r.weight, rank=r.rank, is_environmental=r.is_environmental, is_price=r.is_price
        )
        for r in _rows(formset)
    ]
    if settings_form.is_valid():
        procurement.rule_exception = settings_form.cleaned_data.get("exception", "")
        procurement.rule_exception_justification = settings_form.cleaned_data.get("justification", "")
    return rules.environment_rule(procurement, preview, method=method, rule_set=settings_form.rule_set)


@organization_required
@require_http_methods(["GET", "POST"])
def award(request, procurement_id):
    procurement = procurement_for(request, procurement_id)
    if request.method == "POST":
        require_write(request)
    if request.method == "POST" and "legg_til" in request.POST:
        return _award_page(request, procurement, *_award_forms_with_new_row(request, procurement))
    settings_form, formset = _award_forms(request, procurement, request.POST or None)
    conflict, saved_criteria = False, None
    if request.method == "POST" and settings_form.is_valid() and formset.is_valid():
        try:
            services.save_award(
                procurement=procurement,
                user=request.user,
                rows=_rows(formset),
                method=settings_form.cleaned_data["method"],
                exception=settings_form.cleaned_data.get("exception", ""),
                justification=settings_form.cleaned_data.get("justification", ""),
                version=settings_form.cleaned_data.get("version"),
            )
        except StaleEdit as stale:
            # Keep what this officer typed, show what the other saved, and let a
            # second submit overwrite on purpose.
            conflict, saved_criteria = True, list(stale.current.award_criteria.all())
            data = request.POST.copy()
            data["version"] = stale.current.version
            settings_form, formset = _award_forms(request, stale.current, data)
        except ValidationError as exc:
            return refuse(request, exc, "procurement:award", procurement_id=procurement.pk)
        else:
            messages.success(request, _("Tildelingskriteriene er lagret."))
            return redirect("procurement:award", procurement_id=procurement.pk)
    return _award_page(request, procurement, settings_form, formset, conflict=conflict, saved_criteria=saved_criteria)


def _award_forms_with_new_row(request, procurement):
    """The form as submitted plus one empty criterion row, nothing saved (the "add criterion" button)."""
    data = request.POST.copy()
    total = int(data.get("kriterier-TOTAL_FORMS") or 0)
    data["kriterier-TOTAL_FORMS"] = str(total + 1)
    settings_form, formset = _award_forms(request, procurement, data)
    formset.is_valid()
    formset.forms[-1].fields["name"].widget.attrs["autofocus"] = True
    return settings_form, formset


def _award_page(request, procurement, settings_form, formset, *, conflict=False, saved_criteria=None):
    if request.method == "POST":
        compliance = _preview_compliance(procurement, settings_form, formset)
    else:
        # The formset's saved rows and the settings form's rule set, read once for both.
        compliance = rules.environment_rule(procurement, list(formset.get_queryset()), rule_set=settings_form.rule_set)
    return render(
        request,
        "procurement/award.html",
        {
            "procurement": procurement,
            "settings_form": settings_form,
            "formset": formset,
            "compliance": compliance,
            "rule_set": settings_form.rule_set,
            "conflict": conflict,
            "saved_criteria": saved_criteria,
        },
    )


@organization_required
@require_POST
def award_check(request, procurement_id):
    """htmx: the live § 7-9 panel for the form as it stands, without saving."""
    procurement = procurement_for(request, procurement_id)
    settings_form, formset = _award_forms(request, procurement, request.POST)
    formset.is_valid()
    return render(
        request,
        "procurement/_compliance.html",
        {"compliance": _preview_compliance(procurement, settings_form, formset)},
    )
