import logging

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Organisasjoner og tilgang")

    def ready(self):
        from core import audit
        from core.models import Invitation, Membership, Organization

        audit.track(Organization, "self")
        audit.track(Membership)
        audit.track(Invitation)

        if settings.CELERY_TASK_ALWAYS_EAGER:
            logger.info("CELERY_BROKER_URL is not set: background tasks run in-process (eager mode).")
