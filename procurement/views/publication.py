"""Data out: CPV codes, the OCDS packages and the eForms notice fields (the "Kunngjøring" tab)."""

import json

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.access import organization_required
from core.concurrency import StaleEdit
from core.http import refuse
from procurement import cpv, eforms, ocds_data, services
from procurement import notice as notice_module
from procurement.access import procurement_for, require_write
from procurement.forms import CpvForm
from procurement.ocds_responses import bulk_response, not_published, package_for


def _suggested(procurement):
    """The category's CPV codes, offered first in the picker."""
    codes = procurement.category.cpv_codes or []
    known, _unknown = cpv.existing([str(c) for c in codes])
    return known


@organization_required
@require_http_methods(["GET", "POST"])
def cpv_edit(request, procurement_id):
    procurement = procurement_for(request, procurement_id)
    initial = {
        "version": procurement.version,
        "main": procurement.main_cpv_id or "",
        "additional": " ".join(c.code for c in procurement.additional_cpv.all()),
    }
    form = CpvForm(request.POST or None, initial=initial)
    if request.method == "POST":
        require_write(request)
        if form.is_valid():
            try:
                services.set_cpv(
                    procurement=procurement,
                    user=request.user,
                    main=form.cleaned_data["main"],
                    additional=form.cleaned_data["additional"],
                    version=form.cleaned_data["version"],
                )
            except StaleEdit:
                messages.error(
                    request, _("Noen andre har endret anskaffelsen mens du valgte koder. Se over og lagre igjen.")
                )
                return redirect("procurement:cpv", procurement_id=procurement.pk)
            except ValidationError as exc:
                return refuse(request, exc, "procurement:cpv", procurement_id=procurement.pk)
            messages.success(request, _("CPV-kodene er lagret."))
            return redirect("procurement:detail", procurement_id=procurement.pk)
    return render(
        request,
        "procurement/cpv.html",
        {
            "procurement": procurement,
            "form": form,
            "suggested": _suggested(procurement),
            "main": procurement.main_cpv,
            "additional": list(procurement.additional_cpv.all()),
        },
    )


@organization_required
@require_GET
def cpv_search(request):
    """The picker's htmx search: a list of codes with buttons that fill the form."""
    query = request.GET.get("q", "")[:100]
    return render(request, "procurement/_cpv_results.html", {"results": cpv.search(query), "query": query.strip()})


@organization_required
@require_GET
def ocds_package(request, procurement_id):
    """The release package at a stable URL (the ocid and release ids never change)."""
    procurement = procurement_for(request, procurement_id)
    package = package_for(request, procurement)
    if package is None:
        return not_published()
    return JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 2})


@organization_required
@require_GET
def ocds_download(request, procurement_id):
    procurement = procurement_for(request, procurement_id)
    package = package_for(request, procurement)
    if package is None:
        return not_published()
    response = HttpResponse(
        json.dumps(package, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    filename = f"ocds-{procurement.reference.replace('/', '-')}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@organization_required
@require_GET
def ocds_bulk(request, year):
    return bulk_response(
        request,
        request.organization,
        year,
        uri=request.build_absolute_uri(reverse("procurement:ocds_bulk", args=[year])),
    )


@organization_required
@require_GET
def ocds_years(request):
    """Where the yearly packages are: one link per year with published procurements."""
    years = ocds_data.published_years(request.organization)
    return render(request, "procurement/ocds_years.html", {"years": years, "prefix": settings.OCDS_OCID_PREFIX})


@organization_required
@require_GET
def notice(request, procurement_id):
    """The "Kunngjøring" tab: the eForms values the officer copies into the e-tendering system."""
    procurement = procurement_for(request, procurement_id)
    fields = notice_module.fields_for(procurement)
    xml = eforms.fragment_xml(fields)
    label = notice_module.label
    return render(
        request,
        "procurement/notice.html",
        {
            "procurement": procurement,
            "fields": fields,
            "lot_rows": [
                ("BT-262", _("CPV-hovedkode"), [fields.main_cpv] if fields.main_cpv else [], False),
                ("BT-263", _("CPV-tilleggskoder"), fields.additional_cpv, False),
                ("BT-06", _("Strategisk anskaffelse"), [(c, label(c)) for c in fields.strategic], True),
                (
                    "BT-777",
                    _("Beskrivelse av den strategiske anskaffelsen"),
                    [fields.strategic_description] if fields.strategic_description else [],
                    False,
                ),
                ("BT-774", _("Grønn anskaffelse"), [(c, label(c)) for c in fields.green], True),
                ("BT-775", _("Sosialt ansvarlig anskaffelse"), [(c, label(c)) for c in fields.social], True),
                ("BT-805", _("Kriterier for grønne anskaffelser"), [(c, label(c)) for c in fields.gpp], True),
            ],
            "award_rows": [(line, label(line.type_code), label(line.weight_code)) for line in fields.awards],
            "nor_problems": eforms.nor_rule_problems(fields) if fields.rule_applies else [],
            "schema_errors": eforms.schema_errors(xml),
            "xml": xml.decode(),
        },
    )


@organization_required
@require_GET
def notice_xml(request, procurement_id):
    procurement = procurement_for(request, procurement_id)
    response = HttpResponse(eforms.fragment_xml(notice_module.fields_for(procurement)), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="eforms-lot-{procurement.reference.replace("/", "-")}.xml"'
    return response
