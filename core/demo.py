"""Demo organisations and users for every role (loaded by `manage.py load_demo`)."""

from django.contrib.auth import get_user_model

from core.models import Membership, Organization
from core.roles import Role

DEMO_PASSWORD = "gronn-demo-2026"  # noqa: S105 - published demo credential, never for production

ORGANIZATIONS = [
    ("964338531", "Bergen kommune", Organization.Kind.MUNICIPALITY),
    ("821311632", "Vestland fylkeskommune", Organization.Kind.COUNTY),
    ("958935420", "Oslo kommune", Organization.Kind.MUNICIPALITY),
    ("986252932", "DFØ (nasjonalt bibliotek)", Organization.Kind.STATE_AGENCY),
]
# The organisation whose library editors publish the national library.
NATIONAL_LIBRARY_ORGNR = "986252932"

# (username, first name, last name, [(orgnr, role), ...])
USERS = [
    ("admin@bergen.example", "Astrid", "Admin", [("964338531", Role.ORG_ADMIN)]),
    ("innkjoper@bergen.example", "Ingrid", "Innkjøper", [("964338531", Role.BUYER), ("821311632", Role.BUYER)]),
    ("oppfolger@bergen.example", "Ola", "Oppfølger", [("964338531", Role.CONTRACT_FOLLOWER)]),
    ("redaktor@bergen.example", "Randi", "Redaktør", [("964338531", Role.LIBRARY_EDITOR)]),
    ("leser@bergen.example", "Lars", "Leser", [("964338531", Role.READ_ONLY)]),
    (
        "admin@vestland.example",
        "Vidar",
        "Vestland",
        [("821311632", Role.ORG_ADMIN), ("821311632", Role.CONTRACT_FOLLOWER)],
    ),
    # The county's second buyer: with innkjoper@bergen.example, the two evaluators of the bus tender.
    ("innkjoper@vestland.example", "Vilde", "Vestbø", [("821311632", Role.BUYER)]),
    (
        "admin@oslo.example",
        "Oda",
        "Oslo",
        [("958935420", Role.ORG_ADMIN), ("958935420", Role.BUYER), ("958935420", Role.CONTRACT_FOLLOWER)],
    ),
    # Two national editors, because a national revision needs a second editor's approval.
    ("redaktor1@dfo.example", "Nora", "Nasjonal", [("986252932", Role.LIBRARY_EDITOR)]),
    ("redaktor2@dfo.example", "Nils", "Nasjonal", [("986252932", Role.LIBRARY_EDITOR)]),
]


def load(out) -> dict:
    """Create what is missing; return counts of what was created."""
    created = {"organizations": 0, "users": 0, "memberships": 0}
    orgs = {}
    for orgnr, name, kind in ORGANIZATIONS:
        org, was_created = Organization.objects.get_or_create(
            orgnr=orgnr,
            defaults={"name": name, "kind": kind, "is_national_library": orgnr == NATIONAL_LIBRARY_ORGNR},
        )
        orgs[orgnr] = org
        created["organizations"] += was_created
    User = get_user_model()
    for username, first, last, roles in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username, email=username, password=DEMO_PASSWORD, first_name=first, last_name=last
            )
            created["users"] += 1
        for orgnr, role in roles:
            _m, was_created = Membership.objects.get_or_create(user=user, organization=orgs[orgnr], role=role)
            created["memberships"] += was_created
    return created


def describe_logins() -> list[tuple[str, str]]:
    org_names = {orgnr: name for orgnr, name, _k in ORGANIZATIONS}
    rows = []
    for username, _f, _l, roles in USERS:
        where = ", ".join(f"{Role(role).label} i {org_names[orgnr]}" for orgnr, role in roles)
        rows.append((username, where))
    return rows
