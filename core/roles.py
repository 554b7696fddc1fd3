"""Roles a member can hold in an organisation and what each role may do.

Views ask for a capability, never for a role, so that a role's rights are
decided here, in one table.
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    BUYER = "innkjoper", _("Innkjøper")
    CONTRACT_FOLLOWER = "kontraktsoppfolger", _("Kontraktsoppfølger")
    LIBRARY_EDITOR = "biblioteksredaktor", _("Biblioteksredaktør")
    ORG_ADMIN = "org_admin", _("Organisasjonsadministrator")
    READ_ONLY = "lesetilgang", _("Lesetilgang")


class Capability(StrEnum):
    EDIT_PROCUREMENTS = "edit_procurements"
    FOLLOW_UP_CONTRACTS = "follow_up_contracts"
    EDIT_LIBRARY = "edit_library"
    # Editing the national library (criteria, letter templates, battery reference
    # data) is a library editor's role held in the national library organisation.
    EDIT_NATIONAL_LIBRARY = "edit_national_library"
    MANAGE_MEMBERS = "manage_members"
    # The organisation's own settings (its logo).
    MANAGE_ORGANIZATION = "manage_organization"
    ENTER_INDICATORS = "enter_indicators"


ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.BUYER: frozenset({Capability.EDIT_PROCUREMENTS}),
    Role.CONTRACT_FOLLOWER: frozenset({Capability.FOLLOW_UP_CONTRACTS}),
    Role.LIBRARY_EDITOR: frozenset({Capability.EDIT_LIBRARY}),
    Role.ORG_ADMIN: frozenset({Capability.MANAGE_MEMBERS, Capability.MANAGE_ORGANIZATION, Capability.ENTER_INDICATORS}),
    Role.READ_ONLY: frozenset(),
}


def capabilities_for(roles, *, national_library: bool = False) -> frozenset[Capability]:
    """What the roles allow; in the national library organisation a library editor edits the national library."""
    caps: set[Capability] = set()
    for role in roles:
        caps |= ROLE_CAPABILITIES.get(role, frozenset())
    if national_library and Capability.EDIT_LIBRARY in caps:
        caps.add(Capability.EDIT_NATIONAL_LIBRARY)
    return frozenset(caps)
