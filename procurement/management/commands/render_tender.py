"""Render a procurement's tender document to a file, synchronously, without the job queue."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from procurement.models import Procurement
from procurement.tender_document.build import render_tender


class Command(BaseCommand):
    help = "Lager konkurransegrunnlaget (PDF) for en anskaffelse, for eksempel: render_tender 2026/014 --out k.pdf"

    def add_arguments(self, parser):
        parser.add_argument("reference", help="anskaffelsens referanse, for eksempel 2026/014")
        parser.add_argument("--out", required=True, help="PDF-filen som skal skrives")
        parser.add_argument("--org", help="organisasjonsnummeret, når referansen finnes i flere organisasjoner")

    def handle(self, *args, reference, out, org=None, **options):
        procurement = self._find(reference, org)
        result = render_tender(procurement)
        Path(out).write_bytes(result.content)
        self.stdout.write(
            _("%(ref)s %(title)s: %(pages)s sider skrevet til %(out)s (SHA-256 %(sha)s)")
            % {
                "ref": procurement.reference,
                "title": procurement.title,
                "pages": result.page_count,
                "out": out,
                "sha": result.sha256,
            }
        )

    def _find(self, reference: str, orgnr: str | None) -> Procurement:
        matches = Procurement.objects.select_related("organization").filter(reference=reference)
        if orgnr:
            matches = matches.filter(organization__orgnr=orgnr)
        found = list(matches[:20])
        if not found:
            if orgnr:
                raise CommandError(
                    _("Fant ingen anskaffelse med referanse %(ref)s i organisasjon %(org)s.")
                    % {"ref": reference, "org": orgnr}
                )
            raise CommandError(_("Fant ingen anskaffelse med referanse %(ref)s.") % {"ref": reference})
        if len(found) > 1:
            choices = ", ".join(f"{p.organization.orgnr} ({p.organization.name})" for p in found)
            raise CommandError(
                _("Referansen %(ref)s finnes i flere organisasjoner: %(choices)s. Velg én med --org ORGNR.")
                % {"ref": reference, "choices": choices}
            )
        return found[0]
