from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BatteryChainConfig(AppConfig):
    name = "battery_chain"
    verbose_name = _("Batterikjeder")
