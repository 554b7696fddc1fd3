from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "procurement"
    verbose_name = _("Anskaffelser")

    def ready(self):
        from core import audit, documents, home_panels
        from core.roles import Capability
        from procurement.models import AwardCriterion, NeedsAssessment, Procurement, Requirement, TenderDocument
        from procurement.selectors import my_procurements_panel

        audit.track(Procurement)
        audit.track(NeedsAssessment, "procurement__organization")
        audit.track(Requirement, "procurement__organization")
        audit.track(AwardCriterion, "procurement__organization")
        audit.track(TenderDocument, "procurement__organization")
        documents.register(TenderDocument)  # the stuck-job sweeper (core.tasks.fail_stuck_documents) covers it
        home_panels.register(
            home_panels.HomePanel("procurement/_home_panel.html", my_procurements_panel, Capability.EDIT_PROCUREMENTS)
        )
        home_panels.register_tile(
            home_panels.HomeTile(
                _("Mine anskaffelser"),
                _(
                    "Vurder behovet, velg krav fra kriteriebiblioteket, sett vekter som oppfyller 30-prosentregelen "
                    "og lag konkurransegrunnlaget."
                ),
                "procurement:start",
                _("Gå til anskaffelser"),
                Capability.EDIT_PROCUREMENTS,
                position=10,
            )
        )
