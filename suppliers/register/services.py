"""Writes on the supplier register and contracts. Each takes the acting user and runs in one transaction."""

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.concurrency import StaleEdit, bump, lock_current, lock_or_new
from core.validators import normalize_orgnr
from criteria.models import Kind
from procurement import services as procurement_services
from procurement.models import Procurement
from procurement.numbering import number_sections
from suppliers.models import (
    Certificate,
    Contract,
    Obligation,
    PriorityAssessment,
    Supplier,
    SupplierContact,
    SupplierProfile,
)
from suppliers.register import priority

logger = logging.getLogger(__name__)

# The shared identity: maintained by the supplier's owner only (update_supplier).
SUPPLIER_FIELDS = (
    "name",
    "orgnr",
    "foreign_id",
    "country",
    "address",
    "transparency_act",
)
# Each organisation's own view of the supplier (save_profile).
PROFILE_FIELDS = (
    "member_ethical_trade_norway",
    "member_rba",
    "member_global_compact",
    "notes",
)
CONTRACT_FIELDS = (
    "title",
    "reference",
    "category",
    "start_date",
    "end_date",
    "option_months",
    "value",
    "responsible",
)
# A contract can only be made from a procurement that has been awarded.
AWARDED = (Procurement.Status.AWARDED, Procurement.Status.CONTRACT_FOLLOW_UP)


# ---------------------------------------------------------------- suppliers


@dataclass(frozen=True)
class Registered:
    supplier: Supplier
    created: bool


def existing_supplier(*, orgnr: str = "", country: str = "", foreign_id: str = "") -> Supplier | None:
    """The supplier with this organisasjonsnummer, or this foreign identifier in this country."""
    orgnr = normalize_orgnr(orgnr)
    if orgnr:
        return Supplier.objects.filter(orgnr=orgnr).first()
    if foreign_id.strip():
        return Supplier.objects.filter(country=country, foreign_id__iexact=foreign_id.strip()).first()
    return None


@transaction.atomic
def register_supplier(*, organization, user, data: dict) -> Registered:
    """Create the supplier, or, when its number is known already, add the existing one to the register.

    The organisation that creates the supplier owns its identity. The shared record is not
    changed by a later organisation: what it typed about name and address is ignored, and the
    view says so. A supplier without an owner (the owner left) is taken over by the registrant.
    """
    data = {**data, "orgnr": normalize_orgnr(data.get("orgnr", ""))}
    found = existing_supplier(
        orgnr=data["orgnr"], country=str(data.get("country", "")), foreign_id=data.get("foreign_id", "")
    )
    created = False
    if found is None:
        try:
            with transaction.atomic():
                found = Supplier.objects.create(**data, owner=organization)
                created = True
        except IntegrityError:
            # Someone registered the same number a moment ago: use theirs.
            found = existing_supplier(
                orgnr=data["orgnr"], country=str(data.get("country", "")), foreign_id=data.get("foreign_id", "")
            )
            if found is None:
                raise
    if found.owner_id is None:
        found = Supplier.objects.select_for_update().get(pk=found.pk)  # of two registrants, the first owns it
        if found.owner_id is None:
            found.owner = organization
            found._history_user = user
            found._change_reason = "owner: taken over by a registrant"
            found.save(update_fields=["owner"])
    found.registered_by.add(organization)
    return Registered(found, created)


def may_edit_identity(*, organization, supplier: Supplier) -> bool:
    """Only the owner changes what every register shows about the supplier."""
    return organization is not None and supplier.owner_id == organization.pk


def _refuse_identity_edit(*, organization, supplier: Supplier, user) -> None:
    # Logged: an attempt to rewrite what other buyers' letters, priorities and KPIs read.
    logger.warning(
        "Identity edit of supplier %s refused for organisation %s (owner %s), user %s",
        supplier.pk,
        getattr(organization, "pk", None),
        supplier.owner_id,
        getattr(user, "pk", None),
    )
    raise ValidationError(
        _(
            "Bare organisasjonen som registrerte leverandøren først, kan endre felles opplysninger som navn, "
            "nummer, adresse og åpenhetsloven. Deres egne notater og merker kan dere endre under "
            "«Egne opplysninger»."
        )
    )


def _require_version(version) -> int:
    if version is None:
        raise ValidationError(_("Skjemaet mangler versjonsnummeret. Last siden på nytt og prøv igjen."))
    return version


@transaction.atomic
def update_supplier(*, organization, supplier: Supplier, user, data: dict, version: int) -> Supplier:
    """The shared identity, changed by its owner. version: the supplier's version the form was opened with."""
    version = _require_version(version)
    current = lock_current(Supplier, supplier.pk, None)
    # Ownership before staleness: a non-owner's attempt is refused and logged whatever version it carries.
    if not may_edit_identity(organization=organization, supplier=current):
        _refuse_identity_edit(organization=organization, supplier=current, user=user)
    if current.version != version:
        raise StaleEdit(current)
    unknown = set(data) - set(SUPPLIER_FIELDS)
    if unknown:
        raise ValueError(f"not identity fields: {sorted(unknown)}")
    data = {**data, "orgnr": normalize_orgnr(data.get("orgnr", current.orgnr))}
    for name, value in data.items():
        setattr(current, name, value)
    current.full_clean(exclude=["registered_by"])
    bump(current)
    current._history_user = user
    current.save()
    return current


@transaction.atomic
def save_profile(*, organization, supplier: Supplier, user, data: dict, version: int) -> SupplierProfile:
    """The organisation's own notes and memberships. version: the profile's version (0: none saved yet)."""
    version = _require_version(version)
    Supplier.objects.select_for_update().filter(pk=supplier.pk).first()  # serialises two first saves
    profile = lock_or_new(
        SupplierProfile.objects.filter(organization=organization, supplier=supplier),
        version,
        lambda: SupplierProfile(organization=organization, supplier=supplier),
    )
    if profile.pk:
        bump(profile)
    for name, value in data.items():
        if name not in PROFILE_FIELDS:
            raise ValueError(f"not a profile field: {name}")
        setattr(profile, name, value)
    profile._history_user = user
    profile.save()
    return profile


def _own_record(model, *, organization, supplier: Supplier, instance, version):
    """A new contact or certificate, or the stored one under a lock when the form's version is still its own."""
    if instance is None:
        return model(organization=organization, supplier=supplier)
    current = lock_current(model, instance.pk, _require_version(version))
    bump(current)
    return current


@transaction.atomic
def save_contact(
    *, organization, supplier: Supplier, user, data: dict, instance=None, version: int | None = None
) -> SupplierContact:
    """version: required when changing a contact (instance), the version its form was opened with."""
    contact = _own_record(
        SupplierContact, organization=organization, supplier=supplier, instance=instance, version=version
    )
    for name, value in data.items():
        setattr(contact, name, value)
    contact.save()
    return contact


@transaction.atomic
def delete_contact(*, instance: SupplierContact, user) -> None:
    instance.delete()


@transaction.atomic
def save_certificate(
    *, organization, supplier: Supplier, user, data: dict, instance=None, version: int | None = None
) -> Certificate:
    """version: as in save_contact."""
    certificate = _own_record(
        Certificate, organization=organization, supplier=supplier, instance=instance, version=version
    )
    for name, value in data.items():
        setattr(certificate, name, value)
    if certificate.kind == Certificate.Kind.OTHER and not certificate.name.strip():
        raise ValidationError(_("Skriv navnet på sertifikatet eller merket."))
    if certificate.kind != Certificate.Kind.ECOVADIS:
        certificate.score = None
    certificate.save()
    return certificate


@transaction.atomic
def delete_certificate(*, instance: Certificate, user) -> None:
    instance.delete()


# ---------------------------------------------------------------- contracts


def check_contract(data: dict, suppliers) -> None:
    """The rules every contract keeps; the forms show the same messages field by field."""
    errors = []
    start, end = data.get("start_date"), data.get("end_date")
    if start and end and end <= start:
        errors.append(_("Sluttdatoen må være etter startdatoen."))
    if not suppliers:
        errors.append(_("Velg minst én leverandør."))
    if errors:
        raise ValidationError(errors)


def check_awarded(procurement: Procurement, organization) -> None:
    if procurement.organization_id != organization.pk:
        raise ValidationError(_("Anskaffelsen tilhører en annen organisasjon."))
    if procurement.status not in AWARDED:
        raise ValidationError(
            _("Kontrakt kan bare opprettes fra en tildelt anskaffelse. %(ref)s har status %(status)s.")
            % {"ref": procurement.reference, "status": procurement.get_status_display()}
        )


def contract_clauses(procurement: Procurement) -> list:
    """The tender's contract clauses (kontraktsvilkår), each with `.number` as in the tender document."""
    sections = number_sections(list(procurement.requirements.all()))
    return next(s for s in sections if s.kind == Kind.CONTRACT_TERM).requirements


def copy_obligations(contract: Contract, procurement: Procurement) -> list[Obligation]:
    clauses = contract_clauses(procurement)
    return Obligation.objects.bulk_create(
        Obligation(
            contract=contract,
            requirement=r,
            number=r.number,
            title=r.title,
            text=r.text,
            human_rights=r.human_rights_clause,
        )
        for r in clauses
    )


def drop_responsible(*, organization, user, acting_user=None, **_kwargs) -> None:
    """core.signals.member_left: a person who left the organisation no longer follows up its contracts."""
    for contract in Contract.objects.filter(organization=organization, responsible=user):
        contract.responsible = None
        contract._change_reason = "responsible left the organisation"
        contract.save(update_fields=["responsible"])


@transaction.atomic
def create_contract(*, organization, user, data: dict, suppliers, procurement: Procurement | None = None) -> Contract:
    """A contract, registered directly or made from an awarded procurement.

    From a procurement the category is the procurement's, the contract clauses become
    obligations, and a procurement still at tildelt moves on to kontraktsoppfølging —
    all or nothing.
    """
    suppliers = list(suppliers)
    check_contract(data, suppliers)
    if procurement is not None:
        procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
        check_awarded(procurement, organization)
        data = {**data, "category": procurement.category}
    contract = Contract.objects.create(organization=organization, procurement=procurement, **data)
    contract.suppliers.set(suppliers)
    if procurement is not None:
        copy_obligations(contract, procurement)
        if procurement.status == Procurement.Status.AWARDED:
            procurement_services.change_status(
                procurement=procurement,
                user=user,
                to_status=Procurement.Status.CONTRACT_FOLLOW_UP,
                note=_("Kontrakt registrert: %(title)s") % {"title": contract.title},
            )
    return contract


@transaction.atomic
def update_contract(*, contract: Contract, user, data: dict, suppliers, version: int | None = None) -> Contract:
    """version: the contract's version the form was opened with; another save since then raises StaleEdit.

    The edit form always sends it (VersionedForm makes it required); None is for callers without a form (demo).
    """
    suppliers = list(suppliers)
    check_contract(data, suppliers)
    contract = lock_current(Contract, contract.pk, version)
    if contract.procurement_id:
        data = {k: v for k, v in data.items() if k != "category"}
    for name, value in data.items():
        setattr(contract, name, value)
    bump(contract)
    contract.save()
    contract.suppliers.set(suppliers)
    if "category" in data:
        _store_priority(contract)
    return contract


@transaction.atomic
def add_obligation(*, contract: Contract, user, data: dict) -> Obligation:
    return Obligation.objects.create(contract=contract, **data)


@transaction.atomic
def delete_obligation(*, obligation: Obligation, user) -> None:
    if obligation.deviations.exists():
        raise ValidationError(_("Forpliktelsen har registrerte avvik og kan ikke slettes."))
    obligation.delete()


# ---------------------------------------------------------------- priority and plan


def contract_months(contract: Contract) -> int:
    months = (contract.end_date.year - contract.start_date.year) * 12 + contract.end_date.month
    return max(months - contract.start_date.month, 1)


def _store_priority(contract: Contract) -> priority.Result | None:
    try:
        assessment = contract.assessment
    except PriorityAssessment.DoesNotExist:
        return None
    result = priority.score_assessment(assessment, contract.category)
    contract.priority, contract.priority_score = result.priority, result.score
    contract.save(update_fields=["priority", "priority_score"])
    return result


@transaction.atomic
def assess_priority(*, contract: Contract, user, data: dict, version: int | None = None) -> priority.Result:
    """Save Bergen's factors for the contract and store the priority they give (suppliers/register/priority.py).

    version: the assessment's version the form was opened with (0: none saved yet); the form always
    sends it, None is for callers without a form (demo).
    """
    # The contract's lock also serialises two first assessments.
    contract = Contract.objects.select_for_update().select_related("category").get(pk=contract.pk)
    assessment = lock_or_new(
        PriorityAssessment.objects.filter(contract=contract), version, lambda: PriorityAssessment(contract=contract)
    )
    if assessment.pk:
        bump(assessment)
    for name, value in {**data, "assessed_by": user}.items():
        setattr(assessment, name, value)
    assessment.save()
    contract.assessment = assessment
    return _store_priority(contract)


@transaction.atomic
def save_plan(
    *, contract: Contract, user, planned_followups: int, followup_plan: str, version: int | None = None
) -> Contract:
    """version: as in update_contract (the plan is part of the contract row)."""
    contract = lock_current(Contract, contract.pk, version)
    contract.planned_followups, contract.followup_plan = planned_followups, followup_plan
    bump(contract)
    contract.save(update_fields=["planned_followups", "followup_plan", "version"])
    return contract


# ---------------------------------------------------------------- contract from an award decision ("Kontrakt signert")


def promise_obligations(contract: Contract, bid) -> list[Obligation]:
    """The climate values the winner promised in its bid, as obligations with a target to follow up per year."""
    return Obligation.objects.bulk_create(
        Obligation(
            contract=contract,
            number=f"T{index}",
            title=promise.title,
            text=_("Lovet i tilbudet: %(target)s %(unit)s.")
            % {"target": f"{promise.target.normalize():f}", "unit": promise.unit},
            target=promise.target,
            target_unit=promise.unit,
        )
        for index, promise in enumerate(bid.promises.order_by("pk"), start=1)
    )


@transaction.atomic
def sign_awarded_contract(*, organization, user, procurement: Procurement, signed_on, data: dict) -> Contract:
    """After the standstill period: the contract with the winner, the tender's contract clauses and the bid's promises.

    The winner joins the supplier register by its organisasjonsnummer (the existing row
    when the number is known). All or nothing: a refusal leaves no contract behind.
    """
    from procurement.evaluation.models import AwardDecision
    from procurement.evaluation.services import mark_signed

    decision = (
        AwardDecision.objects.select_for_update(of=("self",))
        .select_related("winner")
        .filter(procurement=procurement, procurement__organization=organization)
        .first()
    )
    if decision is None:
        raise ValidationError(_("Anskaffelsen har ingen tildelingsbeslutning."))
    mark_signed(decision, signed_on)
    winner = decision.winner
    supplier = register_supplier(
        organization=organization, user=user, data={"name": winner.tenderer_name, "orgnr": winner.orgnr}
    ).supplier
    contract = create_contract(
        organization=organization,
        user=user,
        data={**data, "title": procurement.title},
        suppliers=[supplier],
        procurement=procurement,
    )
    promise_obligations(contract, winner)
    return contract
