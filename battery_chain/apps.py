from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BatteryChainConfig(AppConfig):
    name = "battery_chain"
    verbose_name = _("Batterikjeder")

    def ready(self):
        # Minerals-report imports (CMRT/EMRT); the lines they create are SourcingLine rows of the chain map.
        from battery_chain.models import MineralsReport
        from core import audit

        audit.track(MineralsReport)
