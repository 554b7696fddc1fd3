"""The supplier register: suppliers shared across organisations (identity kept by the owner), each
organisation's own view of them (notes and memberships, contacts, certificates)."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from core.access import organization_required
from core.concurrency import save_or_conflict
from core.http import confirm, paginate, refuse
from suppliers.register import selectors, services
from suppliers.register.access import (
    certificate_for,
    contact_for,
    register_pks,
    register_suppliers,
    require_follow_up,
    supplier_for,
)
from suppliers.register.forms import (
    CertificateForm,
    ContactForm,
    SupplierForm,
    SupplierProfileForm,
    SupplierSearchForm,
)


@organization_required
@require_GET
def supplier_list(request):
    form = SupplierSearchForm(request.GET or None)
    # Unsearched, the register is counted from its own pk sets (access.register_pks), not by
    # filtering the shared supplier table row by row.
    count = None if form.text() else register_pks(request.organization).count
    pagination = paginate(request, form.filter(register_suppliers(request)).order_by("name", "pk"), count=count)
    suppliers = selectors.with_contract_counts(request, pagination["page"].object_list)
    return render(request, "suppliers/supplier_list.html", {"form": form, "suppliers": suppliers, **pagination})


@organization_required
@require_http_methods(["GET", "POST"])
def supplier_create(request):
    require_follow_up(request)
    form = SupplierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.register_supplier(organization=request.organization, user=request.user, data=form.data_dict())
        if result.created:
            messages.success(
                request,
                _("Leverandøren %(name)s er registrert. Organisasjonen deres vedlikeholder de felles opplysningene.")
                % {"name": result.supplier.name},
            )
        else:
            messages.info(
                request,
                _(
                    "%(name)s (%(id)s) finnes allerede i leverandørregisteret og er lagt til hos dere. "
                    "Felles opplysninger som navn og adresse er ikke endret; de vedlikeholdes av organisasjonen "
                    "som registrerte leverandøren først. Egne notater og medlemskap fører dere under "
                    "«Egne opplysninger»."
                )
                % {"name": result.supplier.name, "id": result.supplier.identifier},
            )
        return redirect("suppliers:supplier_detail", supplier_id=result.supplier.pk)
    return render(request, "suppliers/supplier_form.html", {"form": form, "supplier": None})


def _versioned_edit(request, supplier, form, save: Callable, template: str, context: dict, done=None):
    """Validate, save through the service and go back to the supplier; a stale submit shows the conflict.

    save(data=, version=) is the service call; a refusal (ValidationError) is shown on the supplier's page.
    done: the message after saving, when not "Endringene er lagret." (a new record).
    """
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            outcome = save_or_conflict(form, lambda: save(data=form.data_dict(), version=form.submitted_version()))
        except ValidationError as exc:
            return refuse(request, exc, "suppliers:supplier_detail", supplier_id=supplier.pk)
        if outcome.conflict is None:
            messages.success(request, done or _("Endringene er lagret."))
            return redirect("suppliers:supplier_detail", supplier_id=supplier.pk)
        form, conflict = outcome.form, outcome.conflict
    return render(request, template, {"form": form, "supplier": supplier, "conflict": conflict, **context})


@organization_required
@require_http_methods(["GET", "POST"])
def supplier_edit(request, supplier_id):
    """The shared identity: the owner edits it, everybody else sees it read-only (and a post is refused)."""
    supplier = supplier_for(request, supplier_id, write=True)
    editable = services.may_edit_identity(organization=request.organization, supplier=supplier)
    return _versioned_edit(
        request,
        supplier,
        SupplierForm(request.POST or None, instance=supplier, editable=editable),
        partial(services.update_supplier, organization=request.organization, supplier=supplier, user=request.user),
        "suppliers/supplier_form.html",
        {"editable": editable},
    )


@organization_required
@require_http_methods(["GET", "POST"])
def supplier_profile_edit(request, supplier_id):
    """The organisation's own notes and memberships about the supplier."""
    supplier = supplier_for(request, supplier_id, write=True)
    return _versioned_edit(
        request,
        supplier,
        SupplierProfileForm(request.POST or None, instance=selectors.profile_of(request.organization, supplier)),
        partial(services.save_profile, organization=request.organization, supplier=supplier, user=request.user),
        "suppliers/supplier_profile_form.html",
        {},
    )


@organization_required
@require_GET
def supplier_detail(request, supplier_id):
    """Only the active organisation's own data about the supplier: its contacts, certificates, contracts and cases."""
    supplier = supplier_for(request, supplier_id)
    return render(request, "suppliers/supplier_detail.html", selectors.supplier_page(request, supplier))


@dataclass(frozen=True)
class OwnRecord:
    """A kind of record an organisation keeps about a supplier for itself (contacts, certificates)."""

    form_class: type
    save: Callable  # services.save_<kind>(organization=, supplier=, user=, data=, instance=)
    delete: Callable  # services.delete_<kind>(instance=, user=)
    new_heading: str
    edit_heading: str
    created_message: str
    delete_title: str  # with %(name)s
    delete_question: str  # with %(supplier)s


CONTACT = OwnRecord(
    ContactForm,
    services.save_contact,
    services.delete_contact,
    gettext_lazy("Ny kontaktperson"),
    gettext_lazy("Endre kontaktperson"),
    gettext_lazy("Kontaktpersonen er lagt til."),
    gettext_lazy("Slette kontaktpersonen %(name)s?"),
    gettext_lazy("Kontaktpersonen fjernes fra leverandøren %(supplier)s. Brev som er sendt til personen, beholdes."),
)
CERTIFICATE = OwnRecord(
    CertificateForm,
    services.save_certificate,
    services.delete_certificate,
    gettext_lazy("Nytt sertifikat eller merke"),
    gettext_lazy("Endre sertifikat"),
    gettext_lazy("Sertifikatet er registrert."),
    gettext_lazy("Slette sertifikatet %(name)s?"),
    gettext_lazy("Sertifikatet fjernes fra leverandøren %(supplier)s i deres register."),
)


def _record_form(request, kind: OwnRecord, supplier, instance=None):
    """A new contact or certificate, or a change to one (versioned: a stale change shows the conflict)."""
    return _versioned_edit(
        request,
        supplier,
        kind.form_class(request.POST or None, instance=instance),
        partial(kind.save, organization=request.organization, supplier=supplier, user=request.user, instance=instance),
        "suppliers/supplier_object_form.html",
        {"object": instance, "heading": kind.new_heading if instance is None else kind.edit_heading},
        done=kind.created_message if instance is None else None,
    )


def _record_delete(request, kind: OwnRecord, instance):
    supplier = instance.supplier
    if request.method == "POST":
        kind.delete(instance=instance, user=request.user)
        messages.success(request, _("%(name)s er slettet.") % {"name": instance})
        return redirect("suppliers:supplier_detail", supplier_id=supplier.pk)
    return confirm(
        request,
        title=kind.delete_title % {"name": instance},
        question=kind.delete_question % {"supplier": supplier.name},
        confirm_label=_("Slett"),
        cancel_url=reverse("suppliers:supplier_detail", args=[supplier.pk]),
    )


@organization_required
@require_http_methods(["GET", "POST"])
def contact_create(request, supplier_id):
    return _record_form(request, CONTACT, supplier_for(request, supplier_id, write=True))


@organization_required
@require_http_methods(["GET", "POST"])
def contact_edit(request, contact_id):
    contact = contact_for(request, contact_id, write=True)
    return _record_form(request, CONTACT, contact.supplier, contact)


@organization_required
@require_http_methods(["GET", "POST"])
def contact_delete(request, contact_id):
    return _record_delete(request, CONTACT, contact_for(request, contact_id, write=True))


@organization_required
@require_http_methods(["GET", "POST"])
def certificate_create(request, supplier_id):
    return _record_form(request, CERTIFICATE, supplier_for(request, supplier_id, write=True))


@organization_required
@require_http_methods(["GET", "POST"])
def certificate_edit(request, certificate_id):
    certificate = certificate_for(request, certificate_id, write=True)
    return _record_form(request, CERTIFICATE, certificate.supplier, certificate)


@organization_required
@require_http_methods(["GET", "POST"])
def certificate_delete(request, certificate_id):
    return _record_delete(request, CERTIFICATE, certificate_for(request, certificate_id, write=True))
