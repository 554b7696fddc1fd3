from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BatteryChainConfig(AppConfig):
    name = "battery_chain"
    verbose_name = _("Batterikjeder")

    def ready(self):
        from battery_chain.models import BatteryPack, MineralsReport, Product, SourcingLine
        from core import audit

        # Chain maps (products, packs, sourcing lines).
        audit.track(Product)
        audit.track(BatteryPack, "product__organization")
        # Sourcing lines also come from minerals-report imports.
        audit.track(SourcingLine, "pack__product__organization")
        audit.track(MineralsReport)
