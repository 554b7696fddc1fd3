"""Suppliers, contracts, follow-up cases and due-diligence requests."""

from datetime import date

from tests.factories.core import _orgnr
from tests.factories.criteria import CategoryFactory

_supplier_seq = iter(range(1, 10**9))


def supplier(*, organization=None, name=None, **fields):
    """A Norwegian supplier with a valid organisasjonsnummer, in `organization`'s register when given.

    The organisation is then its first registrant, so it owns the supplier's identity.
    """
    from suppliers.models import Supplier

    n = next(_supplier_seq)
    data = {"name": name or f"Leverandør {n} AS", "orgnr": _orgnr(500_000 + n), "owner": organization, **fields}
    if data.get("foreign_id"):
        data["orgnr"] = fields.get("orgnr", "")
    created = Supplier.objects.create(**data)
    if organization is not None:
        created.registered_by.add(organization)
    return created


def contract(*, organization, suppliers=None, category=None, human_rights_obligation=False, **fields):
    """A contract of `organization`; with human_rights_obligation, the usual § 7.1 obligation on it too."""
    from datetime import date

    from suppliers.models import Contract, Obligation

    data = {
        "title": "Leasing av elbiler",
        "category": category or CategoryFactory(slug="kjoretoy-og-transport", name="Kjøretøy og transport"),
        "start_date": date(2024, 1, 1),
        "end_date": date(2099, 12, 31),
        **fields,
    }
    created = Contract.objects.create(organization=organization, **data)
    created.suppliers.set(suppliers or [supplier(organization=organization)])
    if human_rights_obligation:
        Obligation.objects.create(
            contract=created,
            number="7.1",
            title="Grunnleggende menneskerettigheter i leverandørkjeden",
            human_rights=True,
        )
    return created


def case(*, contract, **fields):
    from suppliers.models import Case

    return Case.objects.create(
        organization=contract.organization,
        contract=contract,
        supplier=contract.suppliers.first(),
        title=fields.pop("title", "Oppfølging av batterikjeden"),
        **fields,
    )


# The follow-up tests' usual contract: it ran 2020 to mid-2021 and carries the human-rights obligation.
FOLLOW_UP_CONTRACT = {"start_date": date(2020, 1, 1), "end_date": date(2021, 6, 30), "human_rights_obligation": True}


# follow_up_case's keyword arguments shadow the builders' names.
_supplier, _contract = supplier, contract


def follow_up_case(organization, *, user=None, supplier=None, contract=True, **fields):
    """A case of the organisation about a supplier, by default on a contract with one obligation."""
    from suppliers.follow_up import services as follow_up_services

    supplier = supplier or _supplier()
    if contract is True:
        contract = _contract(organization=organization, suppliers=[supplier], **FOLLOW_UP_CONTRACT)
    return follow_up_services.create_case(
        organization=organization,
        user=user,
        supplier=supplier,
        contract=contract or None,
        title=fields.pop("title", "Batterikjeden i leasede elbiler"),
    )


def supplier_contact(organization, supplier, **fields):
    from suppliers.models import SupplierContact

    data = {"name": "Kari Kontakt", "role": "Bærekraftsansvarlig", "email": "kari@leverandor.example"}
    data.update(fields)
    return SupplierContact.objects.create(organization=organization, supplier=supplier, **data)


def dd_request(case, *, user=None, request_type=None, sent_on=None, deadline=None, status=None, **fields):
    """A due-diligence request on `case`.

    Without `status` it is made as an officer makes it: from the national template of the type
    (Transparency Act by default) and sent on `sent_on` when given. With `status` the row is
    stored as given, for lists and counts that need many requests in a state the services would
    take several steps to reach.
    """
    from suppliers.follow_up import due_diligence
    from suppliers.follow_up.letter_seed import ensure_national_templates
    from suppliers.models import DueDiligenceRequest, LetterTemplate

    if status is not None:
        data = {"subject": "Forventningsbrev", "body": "Vi forventer svar.", **fields}
        return DueDiligenceRequest.objects.create(
            case=case,
            request_type=request_type or "forventningsbrev",
            status=status,
            sent_on=sent_on,
            deadline=deadline,
            **data,
        )
    ensure_national_templates()
    request_type = request_type or "apenhetsloven"
    template = LetterTemplate.objects.filter(organization__isnull=True, request_type=request_type).first()
    req = due_diligence.create_request(case=case, user=user, template=template, **fields)
    if sent_on:
        req = due_diligence.send_request(req=req, user=user, sent_on=sent_on, deadline=deadline)
    return req
