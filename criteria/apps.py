from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CriteriaConfig(AppConfig):
    name = "criteria"
    verbose_name = _("Kriteriebibliotek")

    def ready(self):
        from core import audit
        from criteria.models import Criterion, CriterionRevision, Variant

        # Local criteria appear in their organisation's activity page; the national
        # library's changes are visible in its revision history and the admin.
        audit.track(Criterion)
        audit.track(CriterionRevision, "criterion__organization")
        audit.track(Variant, "revision__criterion__organization")
