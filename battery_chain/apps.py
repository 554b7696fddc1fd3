from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BatteryChainConfig(AppConfig):
    name = "battery_chain"
    verbose_name = _("Batterikjeder")

    def ready(self):
        from battery_chain.models import SourcingLine
        from core import audit

        # Minerals-report imports: the sourcing lines an import creates or a report deletion removes are
        # written with history and the acting user (MineralsReport itself keeps no history table).
        audit.track(SourcingLine, "pack__product__organization")
