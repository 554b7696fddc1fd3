import logging

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Organisasjoner og tilgang")

    def ready(self):
        from core import audit, home_panels
        from core.models import Invitation, Membership, Organization, OrganizationLogo
        from core.roles import Capability

        audit.track(Organization, "self")
        audit.track(Membership)
        audit.track(Invitation)
        audit.track(OrganizationLogo)
        home_panels.register_tile(
            home_panels.HomeTile(
                _("Medlemmer og roller"),
                _("Inviter kolleger, gi dem roller og fjern tilgang for dem som har sluttet."),
                "core:members",
                _("Gå til medlemmer"),
                Capability.MANAGE_MEMBERS,
                position=40,
            )
        )
        home_panels.register_tile(
            home_panels.HomeTile(
                _("Organisasjonens logo"),
                _("Last opp logoen som står i konkurransegrunnlag og tildelingsbrev."),
                "core:logo",
                _("Gå til logoen"),
                Capability.MANAGE_ORGANIZATION,
                position=45,
                primary=False,
            )
        )
        home_panels.register_tile(
            home_panels.HomeTile(
                _("Aktivitet"),
                _("Hvem som endret hva, og når, i organisasjonen."),
                "core:activity",
                _("Se aktivitetsloggen"),
                position=60,
                primary=False,
            )
        )

        if settings.CELERY_TASK_ALWAYS_EAGER:
            logger.info("CELERY_BROKER_URL is not set: background tasks run in-process (eager mode).")
