"""The supplier register: suppliers shared across organisations, each organisation's own contacts and certificates."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.access import organization_required
from suppliers import services_register as services
from suppliers.forms_register import CertificateForm, ContactForm, SupplierForm, SupplierSearchForm
from suppliers.models import Case
from suppliers.selectors_register import (
    certificate_for,
    contact_for,
    register_suppliers,
    search_suppliers,
    supplier_for,
)
from suppliers.views.register_helpers import paginate, refuse, require_follow_up


@organization_required
@require_GET
def supplier_list(request):
    form = SupplierSearchForm(request.GET or None)
    org = request.organization
    qs = register_suppliers(request).annotate(
        contract_count=Count("contracts", filter=Q(contracts__organization=org), distinct=True)
    )
    if form.is_valid():
        qs = search_suppliers(qs, form.cleaned_data["q"])
    pagination = paginate(request, qs.order_by("name", "pk"))
    return render(
        request,
        "suppliers/supplier_list.html",
        {"form": form, "suppliers": pagination["page"].object_list, **pagination},
    )


@organization_required
@require_http_methods(["GET", "POST"])
def supplier_create(request):
    require_follow_up(request)
    form = SupplierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.register_supplier(organization=request.organization, user=request.user, data=form.data_dict())
        if result.created:
            messages.success(request, _("Leverandøren %(name)s er registrert.") % {"name": result.supplier.name})
        else:
            messages.info(
                request,
                _(
                    "%(name)s (%(id)s) finnes allerede i leverandørregisteret og er lagt til hos dere. "
                    "Felles opplysninger som navn og adresse er ikke endret; kontrollér dem her."
                )
                % {"name": result.supplier.name, "id": result.supplier.identifier},
            )
        return redirect("suppliers:supplier_detail", supplier_id=result.supplier.pk)
    return render(request, "suppliers/supplier_form.html", {"form": form, "supplier": None})


@organization_required
@require_http_methods(["GET", "POST"])
def supplier_edit(request, supplier_id):
    supplier = supplier_for(request, supplier_id)
    require_follow_up(request)
    form = SupplierForm(request.POST or None, instance=supplier)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_supplier(supplier=supplier, user=request.user, data=form.data_dict())
        except ValidationError as exc:
            return refuse(request, exc, "suppliers:supplier_detail", supplier_id=supplier.pk)
        messages.success(request, _("Endringene er lagret."))
        return redirect("suppliers:supplier_detail", supplier_id=supplier.pk)
    return render(request, "suppliers/supplier_form.html", {"form": form, "supplier": supplier})


@organization_required
@require_GET
def supplier_detail(request, supplier_id):
    """Only the active organisation's own data about the supplier: its contacts, certificates, contracts and cases."""
    supplier = supplier_for(request, supplier_id)
    org = request.organization
    return render(
        request,
        "suppliers/supplier_detail.html",
        {
            "supplier": supplier,
            "contacts": supplier.contacts.filter(organization=org),
            "certificates": supplier.certificates.filter(organization=org),
            "contracts": supplier.contracts.filter(organization=org).select_related("category"),
            "cases": Case.objects.filter(organization=org, supplier=supplier),
        },
    )


def _object_form(request, *, supplier, form_class, instance, save, heading, created_message):
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            save(form.data_dict())
        except ValidationError as exc:
            return refuse(request, exc, "suppliers:supplier_detail", supplier_id=supplier.pk)
        messages.success(request, created_message if instance is None else _("Endringene er lagret."))
        return redirect("suppliers:supplier_detail", supplier_id=supplier.pk)
    return render(
        request,
        "suppliers/supplier_object_form.html",
        {"form": form, "supplier": supplier, "object": instance, "heading": heading},
    )


def _confirm_delete(request, *, supplier, obj, delete, title, question):
    if request.method == "POST":
        delete()
        messages.success(request, _("%(name)s er slettet.") % {"name": obj})
        return redirect("suppliers:supplier_detail", supplier_id=supplier.pk)
    return render(
        request,
        "core/confirm.html",
        {
            "title": title,
            "question": question,
            "confirm_label": _("Slett"),
            "cancel_url": reverse("suppliers:supplier_detail", args=[supplier.pk]),
        },
    )


@organization_required
@require_http_methods(["GET", "POST"])
def contact_create(request, supplier_id):
    supplier = supplier_for(request, supplier_id)
    require_follow_up(request)
    return _object_form(
        request,
        supplier=supplier,
        form_class=ContactForm,
        instance=None,
        save=lambda data: services.save_contact(
            organization=request.organization, supplier=supplier, user=request.user, data=data
        ),
        heading=_("Ny kontaktperson"),
        created_message=_("Kontaktpersonen er lagt til."),
    )


@organization_required
@require_http_methods(["GET", "POST"])
def contact_edit(request, contact_id):
    contact = contact_for(request, contact_id)
    require_follow_up(request)
    return _object_form(
        request,
        supplier=contact.supplier,
        form_class=ContactForm,
        instance=contact,
        save=lambda data: services.save_contact(
            organization=request.organization, supplier=contact.supplier, user=request.user, data=data, contact=contact
        ),
        heading=_("Endre kontaktperson"),
        created_message="",
    )


@organization_required
@require_http_methods(["GET", "POST"])
def contact_delete(request, contact_id):
    contact = contact_for(request, contact_id)
    require_follow_up(request)
    return _confirm_delete(
        request,
        supplier=contact.supplier,
        obj=contact,
        delete=lambda: services.delete_contact(contact=contact, user=request.user),
        title=_("Slette kontaktpersonen %(name)s?") % {"name": contact.name},
        question=_("Kontaktpersonen fjernes fra leverandøren %(supplier)s. Brev som er sendt til personen, beholdes.")
        % {"supplier": contact.supplier.name},
    )


@organization_required
@require_http_methods(["GET", "POST"])
def certificate_create(request, supplier_id):
    supplier = supplier_for(request, supplier_id)
    require_follow_up(request)
    return _object_form(
        request,
        supplier=supplier,
        form_class=CertificateForm,
        instance=None,
        save=lambda data: services.save_certificate(
            organization=request.organization, supplier=supplier, user=request.user, data=data
        ),
        heading=_("Nytt sertifikat eller merke"),
        created_message=_("Sertifikatet er registrert."),
    )


@organization_required
@require_http_methods(["GET", "POST"])
def certificate_edit(request, certificate_id):
    certificate = certificate_for(request, certificate_id)
    require_follow_up(request)
    return _object_form(
        request,
        supplier=certificate.supplier,
        form_class=CertificateForm,
        instance=certificate,
        save=lambda data: services.save_certificate(
            organization=request.organization,
            supplier=certificate.supplier,
            user=request.user,
            data=data,
            certificate=certificate,
        ),
        heading=_("Endre sertifikat"),
        created_message="",
    )


@organization_required
@require_http_methods(["GET", "POST"])
def certificate_delete(request, certificate_id):
    certificate = certificate_for(request, certificate_id)
    require_follow_up(request)
    return _confirm_delete(
        request,
        supplier=certificate.supplier,
        obj=certificate,
        delete=lambda: services.delete_certificate(certificate=certificate, user=request.user),
        title=_("Slette sertifikatet %(name)s?") % {"name": certificate},
        question=_("Sertifikatet fjernes fra leverandøren %(supplier)s i deres register.")
        % {"supplier": certificate.supplier.name},
    )
