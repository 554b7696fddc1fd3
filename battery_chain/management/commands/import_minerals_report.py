"""Import a supplier's CMRT or EMRT workbook for a product from the command line.

    python manage.py import_minerals_report rapport.xlsx --product 12 [--pack 3] [--user navn] [--dry-run]

Prints the same validation report as the web preview. Exits non-zero when the file is
refused or the report has errors; with --dry-run nothing is written.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from battery_chain.minerals import services
from battery_chain.minerals.errors import FileRefused
from battery_chain.minerals.safety import check_size
from battery_chain.models import Product


def user_named(username: str | None):
    """The user a command acts as (None when not given); CommandError when there is no such user."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(_("Fant ikke brukeren %(name)s.") % {"name": username})
    return user


class Command(BaseCommand):
    help = "Importer en CMRT- eller EMRT-arbeidsbok (.xlsx) for et batteriprodukt."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Arbeidsboken (.xlsx)")
        parser.add_argument("--product", type=int, required=True, help="Produktets ID")
        parser.add_argument("--pack", type=int, help="Batteripakkens ID (trengs når produktet har flere)")
        parser.add_argument("--user", help="Brukernavnet importen skal stå på")
        parser.add_argument("--dry-run", action="store_true", help="Vis rapporten uten å lagre noe")

    def handle(self, *args, **options):
        translation.activate("nb")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("Fant ikke filen %(path)s.") % {"path": path})
        try:
            product = Product.objects.select_related("organization").get(pk=options["product"])
        except Product.DoesNotExist:
            raise CommandError(_("Fant ikke produkt %(id)s.") % {"id": options["product"]}) from None
        user = user_named(options["user"])
        try:
            check_size(path.stat().st_size)
            data = path.read_bytes()
            pack = services.resolve_pack(product, options["pack"])
            result = services.preview(product=product, pack=pack, data=data)
        except FileRefused as exc:
            raise CommandError(_("Filen er avvist: %(reason)s") % {"reason": exc.message}) from None
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None

        self._print_report(product, pack, result)
        if result.blocked:
            raise CommandError(_("Rapporten har feil og kan ikke importeres. Ingenting er lagret."))
        if options["dry_run"]:
            self.stdout.write(
                _("Prøvekjøring: %(count)s linjer ville blitt opprettet. Ingenting er lagret.")
                % {"count": len(result.lines)}
            )
            return
        try:
            report = services.import_report(product=product, pack=pack, user=user, data=data, original_name=path.name)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Importert: rapport %(id)s med %(count)s linjer.") % {"id": report.pk, "count": report.lines.count()}
            )
        )

    def _print_report(self, product, pack, result):
        report = result.as_report()
        fields = result.parsed.declaration.get("fields", {})
        out = self.stdout
        out.write(_("Produkt: %(product)s (batteripakke %(pack)s)") % {"product": product.name, "pack": pack.pk})
        template = f"{report['template']} {report['version']}".strip() if report["template"] else _("ikke funnet")
        out.write(_("Mal: %(template)s") % {"template": template})
        out.write(_("Selskap: %(company)s") % {"company": fields.get("company_name") or "–"})
        out.write(_("Utfylt: %(date)s") % {"date": fields.get("completion_date") or "–"})
        out.write(
            _("Smelteverk: %(smelters)s  Gruver: %(mines)s  Linjer: %(lines)s")
            % {"smelters": report["smelter_rows"], "mines": report["mine_rows"], "lines": report["line_count"]}
        )
        for metal in report["per_metal"]:
            out.write(
                _("%(metal)s: %(rows)s rader lest, %(lines)s linjer opprettet")
                % {"metal": metal["metal"], "rows": metal["rows"], "lines": metal["lines"]}
            )
        messages = result.messages
        if not messages:
            out.write(_("Ingen avvik funnet."))
        for problem in messages:
            prefix = {"error": _("FEIL"), "info": _("Merknad")}.get(problem["level"], _("Advarsel"))
            out.write(f"{prefix}: {problem['message']}")
