"""Test data builders, one module per app, one builder per model.

`from tests.factories import X` keeps working for every builder: this package re-exports them.
"""

from tests.factories.battery_chain import (
    MINERALS_MATERIALS,
    battery_pack,
    battery_product,
    chemistry,
    chemistry_content,
    country_risk,
    material_risk,
    minerals_materials,
    minerals_product,
    minerals_report,
    production_share,
    raw_material,
    risk_category,
    sourcing_line,
)
from tests.factories.core import (
    TEST_PASSWORD,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    _orgnr,
    member,
)
from tests.factories.criteria import (
    CategoryFactory,
    CategoryGroupFactory,
    ThemeFactory,
    criterion,
)
from tests.factories.procurement import (
    procurement,
    requirement,
)
from tests.factories.reporting import (
    entered_value,
)
from tests.factories.suppliers import (
    FOLLOW_UP_CONTRACT,
    case,
    contract,
    dd_request,
    follow_up_case,
    supplier,
    supplier_contact,
)

__all__ = [
    "CategoryFactory",
    "CategoryGroupFactory",
    "MINERALS_MATERIALS",
    "MembershipFactory",
    "OrganizationFactory",
    "TEST_PASSWORD",
    "ThemeFactory",
    "UserFactory",
    "_orgnr",
    "battery_pack",
    "battery_product",
    "case",
    "chemistry",
    "chemistry_content",
    "FOLLOW_UP_CONTRACT",
    "contract",
    "country_risk",
    "criterion",
    "dd_request",
    "entered_value",
    "follow_up_case",
    "material_risk",
    "member",
    "minerals_materials",
    "minerals_product",
    "minerals_report",
    "procurement",
    "production_share",
    "raw_material",
    "requirement",
    "risk_category",
    "sourcing_line",
    "supplier",
    "supplier_contact",
]
