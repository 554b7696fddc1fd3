"""Load RMI's smelter reference list from a blank template (its hidden Smelter Look-up sheet).

    python manage.py load_smelter_list CMRT6.5.xlsx [--date 2025-04-25] [--user navn]

The same as the page for library editors. The template and version are read from the
file; the date from its Revision sheet unless given.
"""

from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from battery_chain.management.commands.import_minerals_report import user_named
from battery_chain.minerals.errors import FileRefused
from battery_chain.minerals.reference_lists import describe, load_reference_list
from battery_chain.minerals.safety import check_size


class Command(BaseCommand):
    help = "Last inn RMIs referanseliste over smelteverk fra en tom mal (.xlsx)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Malen (.xlsx)")
        parser.add_argument("--date", type=date.fromisoformat, help="Utgivelsesdato (ÅÅÅÅ-MM-DD)")
        parser.add_argument("--user", help="Brukernavnet innlastingen skal stå på")

    def handle(self, *args, **options):
        translation.activate("nb")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("Fant ikke filen %(path)s.") % {"path": path})
        user = user_named(options["user"])
        try:
            check_size(path.stat().st_size)
            reference_list = load_reference_list(
                data=path.read_bytes(), original_name=path.name, user=user, released_on=options["date"]
            )
        except FileRefused as exc:
            raise CommandError(_("Filen er avvist: %(reason)s") % {"reason": exc.message}) from None
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Lastet inn %(list)s (%(date)s) med %(count)s smelteverk.")
                % {
                    "list": describe(reference_list),
                    "date": reference_list.released_on.isoformat(),
                    "count": reference_list.smelter_count,
                }
            )
        )
