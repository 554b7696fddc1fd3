from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CriteriaConfig(AppConfig):
    name = "criteria"
    verbose_name = _("Kriteriebibliotek")

    def ready(self):
        from core import audit, home_panels
        from core.roles import Capability
        from criteria.models import (
            Criterion,
            CriterionRevision,
            CriterionShare,
            LibraryImport,
            RevisionComment,
            Variant,
        )
        from criteria.selectors import proposals_panel

        # Local criteria appear in their organisation's activity page; the national
        # library's changes are visible in its revision history and the admin.
        audit.track(Criterion)
        audit.track(CriterionRevision, "criterion__organization")
        audit.track(Variant, "revision__criterion__organization")
        audit.track(RevisionComment, "organization")
        audit.track(CriterionShare, "criterion__organization")
        audit.track(LibraryImport)
        home_panels.register(
            home_panels.HomePanel("criteria/_proposals_panel.html", proposals_panel, Capability.EDIT_LIBRARY)
        )
        home_panels.register_tile(
            home_panels.HomeTile(
                _("Kriteriebibliotek"),
                _("Vedlikehold kriteriene, nivåene basis og avansert, og referansedataene som alle bruker."),
                "criteria:start",
                _("Gå til biblioteket"),
                Capability.EDIT_LIBRARY,
                position=30,
            )
        )
