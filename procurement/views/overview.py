"""The procurement list, the overview page and the forms that change the procurement itself."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import organization_required
from core.concurrency import StaleEdit, conflict_rows, rebound_with_current_version
from core.http import confirm, paginate, refuse
from procurement import checklist, gate, needs, rules, selectors, services
from procurement.access import procurement_for, require_write
from procurement.forms import ChecklistForm, ListFilterForm, NeedsForm, NoteForm, ProcurementForm
from procurement.models import NeedsAssessment, Procurement

PAGE_SIZE = 25


def _stale_form(form_class, form, current_version: int, **kwargs):
    """The user's submitted answers again, now carrying the current version, with a warning.

    Nothing typed is lost; saving once more overwrites the other person's save on purpose.
    """
    data = form.data.copy()
    data["version"] = current_version
    rebound = form_class(data, **kwargs)
    rebound.is_valid()
    rebound.add_error(
        None,
        _(
            "Noen andre har lagret endringer mens du skrev. Svarene dine står under; se over dem og lagre "
            "på nytt for å erstatte det som ble lagret."
        ),
    )
    return rebound


def needs_of(procurement: Procurement) -> NeedsAssessment | None:
    try:
        return procurement.needs
    except NeedsAssessment.DoesNotExist:
        return None


@organization_required
@require_GET
def procurement_list(request):
    form = ListFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.procurement_list(
        request,
        q=filters.get("q", ""),
        status=filters.get("status", ""),
        mine=filters.get("mine", False),
        cpv_division=filters.get("cpv", ""),
    )
    listing = paginate(request, qs, PAGE_SIZE)
    return render(
        request,
        "procurement/list.html",
        {"form": form, "procurements": listing["page"].object_list, **listing},
    )


@organization_required
@require_http_methods(["GET", "POST"])
def create(request):
    require_write(request)
    form = ProcurementForm(
        request.POST or None, organization=request.organization, initial={"responsible": request.user}
    )
    if request.method == "POST" and form.is_valid():
        procurement = services.create_procurement(
            organization=request.organization, user=request.user, data=form.data_dict()
        )
        messages.success(
            request,
            _("Anskaffelse %(ref)s er opprettet. Start med behovsvurderingen.") % {"ref": procurement.reference},
        )
        return redirect("procurement:needs", procurement_id=procurement.pk)
    return render(request, "procurement/form.html", {"form": form, "procurement": None})


@organization_required
@require_http_methods(["GET", "POST"])
def edit(request, procurement_id):
    procurement = procurement_for(request, procurement_id, write=True)
    form = ProcurementForm(request.POST or None, instance=procurement, organization=request.organization)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_procurement(
                procurement=procurement,
                user=request.user,
                data=form.data_dict(),
                version=form.submitted_version(),
            )
        except StaleEdit as stale:
            conflict = conflict_rows(form, stale.current)
            form = rebound_with_current_version(ProcurementForm, form, stale.current, organization=request.organization)
            form.is_valid()
        except ValidationError as exc:
            return refuse(request, exc, "procurement:detail", procurement_id=procurement.pk)
        else:
            messages.success(request, _("Endringene er lagret."))
            return redirect("procurement:detail", procurement_id=procurement.pk)
    return render(request, "procurement/form.html", {"form": form, "procurement": procurement, "conflict": conflict})


@organization_required
@require_GET
def detail(request, procurement_id):
    procurement = procurement_for(request, procurement_id)
    awards = list(procurement.award_criteria.all())
    needs_row = needs_of(procurement)
    return render(
        request,
        "procurement/detail.html",
        {
            "procurement": procurement,
            "regime": rules.regime_for(
                value=procurement.estimated_value,
                kind=procurement.kind,
                buyer_type=procurement.buyer_type,
                on=rules.rule_date(procurement),
            ),
            "compliance": rules.environment_rule(procurement, awards),
            "recommendation": needs.recommend(needs_row),
            "checklist": checklist.summary(procurement.checklist_answers.all()),
            "problems": gate.problems(procurement) if procurement.is_editable else [],
            "events": procurement.events.select_related("user")[:20],
            "next_statuses": [Procurement.Status(s) for s in services.TRANSITIONS.get(procurement.status, ())],
            "requirement_count": procurement.requirements.count(),
        },
    )


@organization_required
@require_http_methods(["GET", "POST"])
def needs_assessment(request, procurement_id):
    procurement = procurement_for(request, procurement_id)
    existing = needs_of(procurement)
    if request.method == "POST":
        require_write(request)
    form = NeedsForm(request.POST or None, instance=existing, procurement=procurement)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in NeedsForm._meta.fields}
        try:
            services.save_needs(
                procurement=procurement,
                user=request.user,
                data=data,
                need_step=form.cleaned_data.get("need_step", ""),
                need_comment=form.cleaned_data.get("need_comment", ""),
                version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            return refuse(request, exc, "procurement:detail", procurement_id=procurement.pk)
        except StaleEdit as stale:
            form = _stale_form(
                NeedsForm, form, stale.current.version, instance=needs_of(procurement), procurement=procurement
            )
        else:
            advice = needs.recommend(NeedsAssessment.objects.get(procurement=procurement))  # fresh, not the cache
            messages.success(
                request,
                _(
                    "Behovsvurderingen er lagret. Anbefaling: %(advice)s Velg kravene neste; det anbefalte nivået står først."
                )
                % {"advice": advice.summary},
            )
            return redirect("procurement:requirements", procurement_id=procurement.pk)
    return render(
        request,
        "procurement/needs.html",
        {
            "procurement": procurement,
            "form": form,
            "recommendation": needs.recommend(existing),
            "steps": needs.need_steps_for(procurement.category),
        },
    )


@organization_required
@require_http_methods(["GET", "POST"])
def checklist_page(request, procurement_id):
    procurement = procurement_for(request, procurement_id)
    answers = {a.question: a for a in procurement.checklist_answers.all()}
    form = ChecklistForm(request.POST or None, answers=answers, version=procurement.checklist_version)
    if request.method == "POST":
        require_write(request)
        if form.is_valid():
            try:
                services.save_checklist(
                    procurement=procurement,
                    user=request.user,
                    answers=form.answers(),
                    version=form.cleaned_data["version"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            except StaleEdit as stale:
                form = _stale_form(ChecklistForm, form, stale.current.checklist_version, answers=answers, version=0)
            else:
                messages.success(request, _("Sjekklisten er lagret."))
                return redirect("procurement:detail", procurement_id=procurement.pk)
    return render(
        request,
        "procurement/checklist.html",
        {"procurement": procurement, "form": form, "summary": checklist.summary(answers.values())},
    )


@organization_required
@require_http_methods(["GET", "POST"])
def publish(request, procurement_id):
    """The gate's problems; when there are none, a confirmation step before the irreversible publish."""
    procurement = procurement_for(request, procurement_id)
    problems = gate.problems(procurement) if procurement.is_draft else []
    confirm_url = reverse("procurement:publish", args=[procurement.pk]) + "?bekreft=1"
    if request.method == "POST":
        require_write(request)
        if request.POST.get("bekreftet") != "1":
            # Publishing cannot be undone: it happens only from the confirmation step.
            return redirect(confirm_url)
        try:
            services.publish(procurement=procurement, user=request.user)
        except ValidationError as exc:
            return refuse(request, exc, "procurement:publish", procurement_id=procurement.pk)
        messages.success(request, _("Anskaffelsen er publisert og låst. Endringer gjøres nå som rettelser."))
        return redirect("procurement:detail", procurement_id=procurement.pk)
    confirming = procurement.is_draft and not problems and request.GET.get("bekreft") == "1"
    regime = rules.regime_of(procurement)
    return render(
        request,
        "procurement/publish.html",
        {
            "procurement": procurement,
            "problems": problems,
            "regime": regime,
            "confirming": confirming,
            "confirm_url": confirm_url,
            "summary": selectors.publish_summary(procurement) if confirming else None,
            "procedure_warnings": rules.procedure_warnings(procurement.procedure, regime)
            if procurement.is_draft
            else [],
        },
    )


@organization_required
@require_http_methods(["GET", "POST"])
def change_status(request, procurement_id, to_status):
    procurement = procurement_for(request, procurement_id, write=True)
    if to_status not in Procurement.Status.values:
        messages.error(request, _("Ukjent status."))
        return redirect("procurement:detail", procurement_id=procurement.pk)
    target = Procurement.Status(to_status)
    if request.method == "POST":
        try:
            services.change_status(
                procurement=procurement, user=request.user, to_status=to_status, note=request.POST.get("note", "")
            )
        except ValidationError as exc:
            return refuse(request, exc, "procurement:detail", procurement_id=procurement.pk)
        messages.success(request, _("Status er endret til %(status)s.") % {"status": target.label})
        return redirect("procurement:detail", procurement_id=procurement.pk)
    return confirm(
        request,
        title=_("Endre status til %(status)s?") % {"status": target.label},
        question=_("%(ref)s %(title)s går fra %(from)s til %(to)s. Endringen logges.")
        % {
            "ref": procurement.reference,
            "title": procurement.title,
            "from": procurement.get_status_display(),
            "to": target.label,
        },
        confirm_label=_("Endre status"),
        danger=target == Procurement.Status.CANCELLED,
        cancel_url=reverse("procurement:detail", args=[procurement.pk]),
    )


@organization_required
@require_http_methods(["GET", "POST"])
def amendment_start(request, procurement_id):
    procurement = procurement_for(request, procurement_id, write=True)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.start_amendment(procurement=procurement, user=request.user, note=form.cleaned_data["note"])
        except ValidationError as exc:
            return refuse(request, exc, "procurement:detail", procurement_id=procurement.pk)
        messages.success(request, _("Rettelsen er åpnet. Gjør endringene, og fullfør rettelsen når du er ferdig."))
        return redirect("procurement:requirements", procurement_id=procurement.pk)
    return render(request, "procurement/amendment.html", {"procurement": procurement, "form": form})


@organization_required
@require_POST
def amendment_finish(request, procurement_id):
    procurement = procurement_for(request, procurement_id, write=True)
    try:
        event = services.finish_amendment(procurement=procurement, user=request.user)
    except ValidationError as exc:
        return refuse(request, exc, "procurement:publish", procurement_id=procurement.pk)
    messages.success(
        request,
        _("Rettelse nr. %(n)s er registrert; dokumentet har nå versjon %(v)s.")
        % {"n": event.amendment_number, "v": event.document_version},
    )
    return redirect("procurement:detail", procurement_id=procurement.pk)
