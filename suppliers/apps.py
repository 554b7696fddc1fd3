from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _seed_letter_templates(sender, using="default", **kwargs):
    from django.db import connections

    from suppliers.follow_up.letter_seed import ensure_national_templates
    from suppliers.models import LetterTemplate

    # A partial migrate (to an older state) may not have the table yet.
    if LetterTemplate._meta.db_table in connections[using].introspection.table_names():
        ensure_national_templates()


class SuppliersConfig(AppConfig):
    name = "suppliers"
    verbose_name = _("Leverandøroppfølging")

    def ready(self):
        from core import audit, home_panels
        from core.roles import Capability
        from core.signals import member_left
        from suppliers.register.services import drop_responsible

        member_left.connect(drop_responsible, dispatch_uid="suppliers.drop_responsible")

        # The bid form in procurement offers the register's suppliers (procurement may not import suppliers).
        from procurement.evaluation import directory

        # --- register: contacts, certificates, contracts, priorities ("Mine kontrakter" on the start page).
        # The shared Supplier row is on its owner's activity page (only the owner changes it);
        # each organisation's own view of it (SupplierProfile) on that organisation's.
        from suppliers.models import (
            Certificate,
            Contract,
            Obligation,
            PriorityAssessment,
            Supplier,
            SupplierContact,
            SupplierProfile,
        )
        from suppliers.register.selectors import my_contracts_panel, tenderers_in_register

        directory.register(tenderers_in_register)
        audit.track(Supplier, "owner")
        audit.track(SupplierProfile)
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

        # --- follow-up cases: letters, answers, deviations, escalation.
        from suppliers.follow_up.selectors import deadlines_panel
        from suppliers.models import (
            Case,
            CorrectiveAction,
            Deviation,
            DueDiligenceRequest,
            EscalationStep,
            LetterTemplate,
            LetterTemplateShare,
            Response,
        )

        audit.track(Case)
        audit.track(DueDiligenceRequest, "case__organization")
        audit.track(Response, "request__case__organization")
        audit.track(Deviation, "case__organization")
        audit.track(CorrectiveAction, "deviation__case__organization")
        audit.track(EscalationStep, "case__organization")
        audit.track(LetterTemplate)
        audit.track(LetterTemplateShare, "template__organization")
        home_panels.register(
            home_panels.HomePanel("suppliers/request_home_panel.html", deadlines_panel, Capability.FOLLOW_UP_CONTRACTS)
        )
        post_migrate.connect(_seed_letter_templates, sender=self, dispatch_uid="suppliers_letter_templates")
        # The start page's tile for follow-up work.
        home_panels.register_tile(
            home_panels.HomeTile(
                _("Oppfølging"),
                _(
                    "Prioriter kontrakter, send aktsomhetsbrev til leverandører, registrer svar og avvik, "
                    "og eskaler når svar uteblir."
                ),
                "suppliers:start",
                _("Gå til oppfølging"),
                Capability.FOLLOW_UP_CONTRACTS,
                position=20,
            )
        )
