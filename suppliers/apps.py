from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuppliersConfig(AppConfig):
    name = "suppliers"
    verbose_name = _("Leverandøroppfølging")

    def ready(self):
        from core import audit, home_panels
        from core.roles import Capability

        # --- register: contacts, certificates, contracts, priorities ("Mine kontrakter" on the start page).
        # The shared Supplier row has no owning organisation and is not on any organisation's activity page.
        from suppliers.models import Certificate, Contract, Obligation, PriorityAssessment, SupplierContact
        from suppliers.selectors_register import my_contracts_panel

        audit.track(SupplierContact)
        audit.track(Certificate)
        audit.track(Contract)
        audit.track(Obligation, "contract__organization")
        audit.track(PriorityAssessment, "contract__organization")
        home_panels.register(
            home_panels.HomePanel(
                "suppliers/contract_home_panel.html", my_contracts_panel, Capability.FOLLOW_UP_CONTRACTS
            )
        )
