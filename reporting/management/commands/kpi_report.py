from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from core.models import Organization
from reporting import exports
from reporting.forms import MAX_YEARS
from reporting.report import build_report


class Command(BaseCommand):
    help = "Write an organisation's KPI table as CSV or XLSX (the same numbers as the dashboard)."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="organisasjonsnummer")
        parser.add_argument("--from", dest="first", type=int, required=True)
        parser.add_argument("--to", dest="last", type=int, required=True)
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--out", help="file to write; CSV goes to standard output without it")

    def handle(self, *args, org, first, last, format, out, **options):
        organization = Organization.objects.filter(orgnr=org.replace(" ", "")).first()
        if organization is None:
            raise CommandError(f"Fant ingen organisasjon med organisasjonsnummer {org}.")
        if first > last:
            raise CommandError("--from må være før eller lik --to.")
        if last - first + 1 > MAX_YEARS:
            raise CommandError(f"Velg høyst {MAX_YEARS} år om gangen.")
        translation.activate("nb")
        report = build_report(organization, years=list(range(first, last + 1)))
        if format == "xlsx":
            if not out:
                raise CommandError("XLSX trenger --out FIL.xlsx.")
            Path(out).write_bytes(exports.to_xlsx(report))
        elif out:
            Path(out).write_text(exports.to_csv(report), encoding="utf-8")
        else:
            self.stdout.write(exports.to_csv(report).lstrip("\ufeff"))
        if out:
            self.stdout.write(f"{organization.name}: {first}–{last} skrevet til {out}")
