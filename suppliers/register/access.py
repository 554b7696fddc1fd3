"""Which register objects the active organisation may open, in one place.

Every register view gets its objects through the `<type>_for` functions here:
another organisation's contact, certificate, contract or obligation is a 404
(its existence is not revealed), and so is a supplier that is not in this
organisation's register (see register_filter). With write=True the user must
also be allowed to follow up contracts here (else 403).
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from core.access import get_for_org, require_capability
from core.roles import Capability
from suppliers.models import Case, Certificate, Contract, Obligation, Supplier, SupplierContact


def require_follow_up(request) -> None:
    """Writes in the register need the contract follow-up capability (403 otherwise)."""
    require_capability(request, Capability.FOLLOW_UP_CONTRACTS)


def _checked(request, obj, write: bool):
    if write:
        require_follow_up(request)
    return obj


# ---------------------------------------------------------------- suppliers


def register_filter(organization) -> Q:
    """Which suppliers are in an organisation's register.

    A supplier is one record shared by every organisation (same organisasjonsnummer,
    same row), but each organisation's register lists only the suppliers it deals
    with: those it created or added by number (Supplier.registered_by), and those it
    has a contract, a follow-up case, a contact person or a certificate for. Nothing
    else is visible: another organisation's supplier is a 404 here.

    All five are EXISTS (registered_by too, not a join), so the filter keeps one row per
    supplier without a pk IN (...) wrapper and a list ordered by name can walk the name
    index and stop after its page.
    """
    registered = Supplier.registered_by.through.objects.filter(organization=organization, supplier=OuterRef("pk"))
    return (
        Q(Exists(registered))
        | Q(Exists(Contract.objects.filter(organization=organization, suppliers=OuterRef("pk"))))
        | Q(Exists(Case.objects.filter(organization=organization, supplier=OuterRef("pk"))))
        | Q(Exists(SupplierContact.objects.filter(organization=organization, supplier=OuterRef("pk"))))
        | Q(Exists(Certificate.objects.filter(organization=organization, supplier=OuterRef("pk"))))
    )


def register_pks(organization) -> QuerySet:
    """The pks of the register's suppliers, as the UNION of the five pk sets register_filter names.

    Each branch reads only this organisation's rows (indexed by organisation and supplier),
    never the shared supplier table, so counting the register costs its own size, not
    every organisation's suppliers with five subqueries each.
    """
    sets = [
        Supplier.registered_by.through.objects.filter(organization=organization),
        Contract.suppliers.through.objects.filter(contract__organization=organization),
        Case.objects.filter(organization=organization),
        SupplierContact.objects.filter(organization=organization),
        Certificate.objects.filter(organization=organization),
    ]
    first, *rest = (qs.order_by().values_list("supplier_id", flat=True) for qs in sets)
    return first.union(*rest)


def register_suppliers(request) -> QuerySet:
    if request.organization is None:
        return Supplier.objects.none()
    return Supplier.objects.filter(register_filter(request.organization))


def supplier_for(request, pk: int, *, write: bool = False) -> Supplier:
    return _checked(request, get_object_or_404(register_suppliers(request), pk=pk), write)


def contact_for(request, pk: int, *, write: bool = False) -> SupplierContact:
    return _checked(request, get_for_org(request, SupplierContact.objects.select_related("supplier"), pk=pk), write)


def certificate_for(request, pk: int, *, write: bool = False) -> Certificate:
    return _checked(request, get_for_org(request, Certificate.objects.select_related("supplier"), pk=pk), write)


# ---------------------------------------------------------------- contracts


def contract_for(request, pk: int, *, write: bool = False) -> Contract:
    contracts = Contract.objects.select_related("category", "responsible", "procurement")
    return _checked(request, get_for_org(request, contracts, pk=pk), write)


def obligation_for(request, pk: int, *, write: bool = False) -> Obligation:
    obligations = Obligation.objects.select_related("contract")
    return _checked(request, get_for_org(request, obligations, "contract__organization", pk=pk), write)
