from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "procurement"
    verbose_name = _("Anskaffelser")

    def ready(self):
        from core import audit, documents, home_panels
        from core.roles import Capability
        from core.signals import member_left
        from criteria.services import revision_published
        from procurement.library_notices import library_updates_panel, on_revision_published
        from procurement.models import AwardCriterion, NeedsAssessment, Procurement, Requirement, TenderDocument
        from procurement.selectors import my_procurements_panel
        from procurement.services import drop_responsible

        audit.track(Procurement)
        audit.track(NeedsAssessment, "procurement__organization")
        audit.track(Requirement, "procurement__organization")
        audit.track(AwardCriterion, "procurement__organization")
        audit.track(TenderDocument, "procurement__organization")
        member_left.connect(drop_responsible, dispatch_uid="procurement.drop_responsible")
        from procurement.evaluation.models import AwardDecision, Bid, ConsensusScore, CriterionScoring, Score

        audit.track(CriterionScoring, "criterion__procurement__organization")
        audit.track(Bid, "procurement__organization")
        audit.track(Score, "bid__procurement__organization")
        audit.track(ConsensusScore, "bid__procurement__organization")
        audit.track(AwardDecision, "procurement__organization")
        documents.register(TenderDocument)  # the stuck-job sweeper (core.tasks.fail_stuck_documents) covers it
        from procurement.evaluation import award_letter

        documents.register_kind(award_letter.DOCUMENT_KIND)  # the award decision letter, made by the worker
        home_panels.register(
            home_panels.HomePanel("procurement/_home_panel.html", my_procurements_panel, Capability.EDIT_PROCUREMENTS)
        )
        home_panels.register(
            home_panels.HomePanel(
                "procurement/_library_updates_panel.html", library_updates_panel, Capability.EDIT_PROCUREMENTS
            )
        )
        revision_published.connect(on_revision_published, dispatch_uid="procurement.library_notices")
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
