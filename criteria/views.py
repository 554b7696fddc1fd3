from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import organization_required
from core.concurrency import save_or_conflict
from core.forms import ShareWithForm
from core.http import attempt, confirm, paginate
from criteria import imports, library_io, selectors, services, spreadsheet
from criteria.access import (
    can_edit,
    can_propose,
    criterion_for,
    criterion_share_for,
    criterion_to_change,
    criterion_to_share,
    is_editor,
    is_national_editor,
    library_import_for,
    proposal_for,
    require_edit,
)
from criteria.forms import (
    CommentForm,
    CriterionForm,
    DecisionForm,
    ImportDecisionForm,
    ImportForm,
    LibraryFilterForm,
    criterion_data,
    variant_conflict_rows,
    variant_forms,
)
from criteria.models import Category, CategoryGroup, Criterion, Theme

PAGE_SIZE = 25


@organization_required
@require_GET
def library(request):
    categories = list(Category.objects.all())
    groups = list(CategoryGroup.objects.select_related("category"))
    themes = list(Theme.objects.all())
    editor = is_editor(request)
    form = LibraryFilterForm(request.GET or None, categories=categories, groups=groups, themes=themes, editor=editor)
    flt = form.to_filter()
    criteria = selectors.browse(request.organization, flt, include_unpublished=editor)
    listing = paginate(request, criteria, PAGE_SIZE)
    return render(
        request,
        "criteria/library.html",
        {
            "form": form,
            "criteria": listing["page"].object_list,
            "is_editor": editor,
            "is_national_editor": is_national_editor(request),
            **listing,
        },
    )


@organization_required
@require_GET
def detail(request, criterion_id):
    criterion = criterion_for(request, criterion_id)
    revision = criterion.current_revision
    variants = list(revision.variants.all()) if revision else []
    return render(
        request,
        "criteria/detail.html",
        {
            "criterion": criterion,
            "revision": revision,
            "variants": variants,
            "can_edit": can_edit(request, criterion.organization_id),
            "can_propose": can_propose(request, criterion) and not can_edit(request, criterion.organization_id),
            "pending": selectors.proposals_visible_to(request.organization, request.capabilities)
            .filter(criterion=criterion, decided_at__isnull=True)
            .count(),
        },
    )


@organization_required
@require_GET
def history(request, criterion_id):
    criterion = criterion_for(request, criterion_id)
    history = selectors.revision_history(criterion, request.GET.get("fra", ""), request.GET.get("til", ""))
    if history.unknown_pair:
        messages.error(request, _("Velg to revisjoner som finnes."))
    return render(
        request,
        "criteria/history.html",
        {
            "criterion": criterion,
            "revisions": history.revisions,
            "numbers": history.numbers,
            "old": history.old,
            "new": history.new,
            "comparison": history.comparison,
        },
    )


def _save_form(request, criterion: Criterion | None, organization):
    revision = criterion.current_revision if criterion else None
    published = criterion is not None and revision is not None and revision.is_published
    # Whether saving makes a proposal for another editor to approve, rather than publishing.
    proposal = published and (
        services.needs_second_editor(criterion) or not can_edit(request, criterion.organization_id)
    )
    data = request.POST if request.method == "POST" else None
    options = {"organization": organization, "needs_change_note": published, "proposal": proposal}
    form = CriterionForm(data, instance=criterion, **options)
    variants = variant_forms(data, revision)
    conflict = None
    if request.method == "POST" and form.is_valid() and all(v.is_valid() for v in variants):
        try:
            payload = criterion_data(form, variants)
            if criterion is None:
                criterion = services.create_criterion(data=payload, organization=organization, user=request.user)
                messages.success(request, _("Utkastet %(code)s er lagret.") % {"code": criterion.code})
                return redirect("criteria:detail", criterion_id=criterion.pk)
            outcome = save_or_conflict(
                form,
                lambda: services.update_criterion(
                    criterion=criterion,
                    data=payload,
                    user=request.user,
                    change_note=form.cleaned_data.get("change_note", ""),
                    organization=request.organization,
                    version=form.submitted_version(),
                ),
                **options,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if outcome.conflict is None:
                return _saved(request, criterion, outcome.result, published)
            # The texts on the page stay the user's; the table also shows the level texts the other editor saved.
            saved = Criterion.objects.select_related("current_revision").get(pk=criterion.pk).current_revision
            texts = variant_conflict_rows(variants, saved.variants.all() if saved else [])
            form, conflict = outcome.form, [*outcome.conflict, *texts]
    return render(
        request,
        "criteria/form.html",
        {
            "form": form,
            "conflict": conflict,
            "variants": variants,
            "criterion": criterion,
            "published": published,
            "proposal": proposal,
            "organization": organization,
        },
    )


def _saved(request, criterion: Criterion, rev, published: bool):
    if rev.is_pending:
        messages.success(request, _("Forslaget er sendt. En annen redaktør må godkjenne det før det publiseres."))
        return redirect("criteria:proposal", revision_id=rev.pk)
    if published:
        messages.success(
            request, _("Revisjon %(n)s er publisert. Tidligere revisjoner er uendret.") % {"n": rev.number}
        )
    else:
        messages.success(request, _("Endringene er lagret."))
    return redirect("criteria:detail", criterion_id=criterion.pk)


@organization_required
@require_http_methods(["GET", "POST"])
def create(request):
    local = request.GET.get("lokal") == "1" or request.POST.get("lokal") == "1"
    owner = request.organization if local else None
    require_edit(request, owner.pk if owner else None)
    return _save_form(request, None, owner)


@organization_required
@require_http_methods(["GET", "POST"])
def edit(request, criterion_id):
    criterion = criterion_to_change(request, criterion_id)
    if criterion.status == Criterion.Status.RETIRED:
        messages.error(request, _("Et utgått kriterium kan ikke endres. Gjenåpne det først."))
        return redirect("criteria:detail", criterion_id=criterion.pk)
    return _save_form(request, criterion, criterion.organization)


STATUS_ACTIONS = {
    "publish": (
        services.publish_criterion,
        _("Publisere kriteriet?"),
        _("Når kriteriet er publisert, kan innkjøpere bruke det, og teksten endres bare gjennom nye revisjoner."),
        _("Publiser"),
        _("Kriteriet er publisert."),
    ),
    "retire": (
        services.retire_criterion,
        _("Sette kriteriet som utgått?"),
        _("Kriteriet skjules i kravvelgeren. Anskaffelser som allerede bruker det, beholder sin revisjon."),
        _("Sett som utgått"),
        _("Kriteriet er satt som utgått."),
    ),
    "reinstate": (
        services.reinstate_criterion,
        _("Gjenåpne kriteriet?"),
        _("Kriteriet blir igjen synlig i kravvelgeren."),
        _("Gjenåpne"),
        _("Kriteriet er gjenåpnet."),
    ),
}


def _status_view(action: str):
    service, title, question, confirm_label, done = STATUS_ACTIONS[action]

    @organization_required
    @require_http_methods(["GET", "POST"])
    def view(request, criterion_id):
        criterion = criterion_for(request, criterion_id, write=True)
        if request.method == "POST":
            try:
                service(criterion=criterion, user=request.user)
            except ValidationError as exc:
                messages.error(request, exc.messages[0])
            else:
                messages.success(request, str(done))
            return redirect("criteria:detail", criterion_id=criterion.pk)
        return confirm(
            request,
            title=title,
            question=f"{criterion.code} {criterion.title}. {question}",
            confirm_label=confirm_label,
            danger=action == "retire",
            cancel_url=reverse("criteria:detail", args=[criterion.pk]),
        )

    view.__name__ = action
    return view


publish = _status_view("publish")
retire = _status_view("retire")
reinstate = _status_view("reinstate")


def _download(body: str, content_type: str, extension: str, local: bool = False) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    stamp = timezone.localdate().isoformat()
    name = "lokalt-kriteriebibliotek" if local else "kriteriebibliotek"
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{extension}"'
    return response


def _library_owner(request):
    """?lokal=1 (or the form field) picks the active organisation's own library; else the national one."""
    return request.organization if (request.GET.get("lokal") or request.POST.get("lokal")) == "1" else None


@organization_required
@require_GET
def export_json(request):
    owner = _library_owner(request)
    published_only = not can_edit(request, owner.pk if owner else None)  # drafts are for that library's editors
    body = library_io.export_json(organization=owner, published_only=published_only)
    return _download(body, "application/json; charset=utf-8", "json", local=owner is not None)


@organization_required
@require_GET
def export_csv(request):
    owner = _library_owner(request)
    published_only = not can_edit(request, owner.pk if owner else None)
    body = library_io.export_csv(organization=owner, published_only=published_only)
    return _download(body, "text/csv; charset=utf-8", "csv", local=owner is not None)


@organization_required
@require_GET
def export_spreadsheet(request, fmt):
    """The library for Excel: labels instead of slugs; CSV with BOM and semicolons, or XLSX."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    owner = _library_owner(request)
    published_only = not can_edit(request, owner.pk if owner else None)
    if fmt == "xlsx":
        body = spreadsheet.to_xlsx(organization=owner, published_only=published_only)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return _download(body, content_type, "xlsx", local=owner is not None)
    body = spreadsheet.to_csv(organization=owner, published_only=published_only)
    return _download(body, "text/csv; charset=utf-8", "csv", local=owner is not None)


@organization_required
@require_http_methods(["GET", "POST"])
def import_library(request):
    owner = _library_owner(request)
    require_edit(request, owner.pk if owner else None)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            outcome = imports.import_file(
                raw=upload.read(), filename=upload.name, user=request.user, organization=owner
            )
        except library_io.LibraryImportError as exc:
            problems = exc.problems
            messages.error(
                request,
                _("Filen har %(n)s feil. Ingenting er importert; rett feilene og prøv igjen.") % {"n": len(problems)},
            )
        else:
            if outcome.pending is not None:
                messages.success(
                    request,
                    _("Filen er kontrollert og venter nå på at en annen redaktør godkjenner importen."),
                )
                return redirect("criteria:library_import", library_import_id=outcome.pending.pk)
            _imported_message(request, outcome.result)
            return redirect("criteria:start")
    return render(
        request,
        "criteria/import.html",
        {
            "form": form,
            "problems": problems,
            "local_owner": owner,
            "four_eyes": services.library_needs_second_editor(owner),
        },
    )


def _imported_message(request, result) -> None:
    messages.success(
        request,
        _("Importert: %(new)s nye kriterier og %(rev)s nye revisjoner; %(same)s revisjoner fantes fra før.")
        % {"new": result.criteria_created, "rev": result.revisions_added, "same": result.unchanged},
    )


@organization_required
@require_GET
def library_imports(request):
    if not is_editor(request):
        require_edit(request, request.organization.pk)
    listing = paginate(request, selectors.library_imports(request.organization, request.capabilities), PAGE_SIZE)
    return render(request, "criteria/library_imports.html", {"imports": listing["page"].object_list, **listing})


@organization_required
@require_GET
def library_import(request, library_import_id):
    batch = library_import_for(request, library_import_id)
    return render(
        request,
        "criteria/library_import.html",
        {
            "batch": batch,
            "plan": imports.plan(batch) if batch.is_pending else [],
            "may_decide": can_edit(request, batch.organization_id),
            "own": batch.uploaded_by_id == request.user.pk,
            "decision_form": ImportDecisionForm(),
        },
    )


@organization_required
@require_POST
def library_import_approve(request, library_import_id):
    batch = library_import_for(request, library_import_id, decide=True)
    try:
        result = imports.approve_import(batch=batch, user=request.user)
    except library_io.LibraryImportError as exc:
        messages.error(
            request,
            _("Biblioteket er endret siden filen ble lastet opp, og filen passer ikke lenger: %(problems)s")
            % {"problems": "; ".join(str(p) for p in exc.problems[:5])},
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        _imported_message(request, result)
    return redirect("criteria:library_import", library_import_id=batch.pk)


@organization_required
@require_POST
def library_import_reject(request, library_import_id):
    batch = library_import_for(request, library_import_id, decide=True)
    form = ImportDecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Skriv hvorfor importen avvises, slik at den som importerte forstår det."))
        imports.reject_import(batch=batch, user=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Importen er avvist. Ingenting er importert."))
    return redirect("criteria:library_import", library_import_id=batch.pk)


# ---------------------------------------------------------------- sharing local criteria


@organization_required
@require_http_methods(["GET", "POST"])
def share(request, criterion_id):
    criterion = criterion_to_share(request, criterion_id)
    shares = list(criterion.shares.select_related("organization", "shared_by"))
    form = ShareWithForm(
        request.POST or None, owner_id=criterion.organization_id, already=[s.organization_id for s in shares]
    )
    if request.method == "POST" and form.is_valid():
        created = attempt(
            form,
            lambda: services.share_criterion(
                criterion=criterion, organization=form.cleaned_data["organization"], user=request.user
            ),
        )
        if created is not None:
            messages.success(
                request,
                _("%(code)s er delt med %(org)s. De kan lese kriteriet og bruke det, men ikke endre det.")
                % {"code": criterion.code, "org": created.organization.name},
            )
            return redirect("criteria:share", criterion_id=criterion.pk)
    return render(request, "criteria/share.html", {"criterion": criterion, "shares": shares, "form": form})


@organization_required
@require_http_methods(["GET", "POST"])
def unshare(request, criterion_id, criterion_share_id):
    share = criterion_share_for(request, criterion_share_id, criterion_id=criterion_id)
    criterion = share.criterion
    if request.method == "POST":
        services.revoke_criterion_share(share=share, user=request.user)
        messages.success(
            request, _("%(org)s ser ikke lenger %(code)s.") % {"org": share.organization.name, "code": criterion.code}
        )
        return redirect("criteria:share", criterion_id=criterion.pk)
    return confirm(
        request,
        title=_("Slutte å dele kriteriet?"),
        question=_(
            "%(org)s mister tilgangen til %(code)s %(title)s. Anskaffelser de allerede har lagt kravet inn i, "
            "beholder teksten."
        )
        % {"org": share.organization.name, "code": criterion.code, "title": criterion.title},
        confirm_label=_("Slutt å dele"),
        cancel_url=reverse("criteria:share", args=[criterion.pk]),
    )


# ---------------------------------------------------------------- proposals


@organization_required
@require_GET
def proposals(request):
    if not is_editor(request):
        require_edit(request, request.organization.pk)
    decided = request.GET.get("vis") == "avgjorte"
    queue = selectors.proposal_queue(request.organization, request.capabilities, decided=decided)
    listing = paginate(request, queue, PAGE_SIZE)
    return render(
        request,
        "criteria/proposals.html",
        {"proposals": listing["page"].object_list, "decided": decided, **listing},
    )


@organization_required
@require_GET
def proposal(request, revision_id):
    revision = proposal_for(request, revision_id)
    return render(
        request,
        "criteria/proposal.html",
        {
            "revision": revision,
            "criterion": revision.criterion,
            "comparison": selectors.proposal_comparison(revision),
            "comments": revision.comments.select_related("author", "organization"),
            "may_decide": can_edit(request, revision.criterion.organization_id),
            "own": revision.created_by_id == request.user.pk,
            "comment_form": CommentForm(),
            "decision_form": DecisionForm(),
        },
    )


def _proposal_action(request, revision_id, action):
    revision = proposal_for(request, revision_id, decide=action != "comment")
    try:
        if action == "approve":
            services.approve_revision(revision=revision, user=request.user)
            messages.success(request, _("Forslaget er godkjent og publisert."))
        elif action == "reject":
            form = DecisionForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Skriv hvorfor forslaget avvises, slik at forslagsstilleren forstår det."))
            services.reject_revision(revision=revision, user=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Forslaget er avvist, og forslagsstilleren er varslet."))
        else:
            form = CommentForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Kommentaren er tom."))
            services.comment_on_revision(
                revision=revision, user=request.user, organization=request.organization, text=form.cleaned_data["text"]
            )
            messages.success(request, _("Kommentaren er lagret."))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("criteria:proposal", revision_id=revision.pk)


@organization_required
@require_POST
def proposal_approve(request, revision_id):
    return _proposal_action(request, revision_id, "approve")


@organization_required
@require_POST
def proposal_reject(request, revision_id):
    return _proposal_action(request, revision_id, "reject")


@organization_required
@require_POST
def proposal_comment(request, revision_id):
    return _proposal_action(request, revision_id, "comment")
