"""Tender PDF benchmark: our template against a floor of plain HTML with the same text.

Run: DEBUG=1 .venv/bin/python bench/pdf_bench.py [--repeat 3]
Prints seconds (best of N), pages and the ratio to the floor for 10, 50, 100 and 200
requirements. Aims: ratio at most 1.5; 100 requirements in at most 3 s on a 2-core machine.
"""

import argparse
import html
import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from core.pdf import render_html_to_pdf, render_pdf  # noqa: E402
from procurement.tender_document.content import AwardLine, Clause, RequirementLine, Section, TenderContent  # noqa: E402

KINDS = [
    (2, "Kvalifikasjonskrav", "kvalifikasjonskrav"),
    (3, "Kravspesifikasjon", "kravspesifikasjon"),
    (4, "Tildelingskriterier", "tildelingskriterium"),
    (5, "Kontraktsvilkår", "kontraktsvilkar"),
]
TEXT = (
    "Leverandøren skal legge ved batterienes kjemiske sammensetning og beskrive batteripleie som tar vare på "
    "ytelse og levetid. Planen for ombruk etter endt tjeneste skal beskrive partner, tidspunkt og andel. "
)


def content(n: int) -> TenderContent:
    per = [n // 4 + (1 if i < n % 4 else 0) for i in range(4)]
    sections = tuple(
        Section(
            number,
            title,
            kind,
            tuple(
                RequirementLine(f"{number}.{i}", f"Krav {number}.{i} om batterier", TEXT * 2, "Produktdatablad", True)
                for i in range(1, count + 1)
            ),
        )
        for (number, title, kind), count in zip(KINDS, per, strict=True)
    )
    awards = (
        AwardLine("Pris", 60, None, "Samlet pris", "", "Lavest pris gir 10 poeng", False),
        AwardLine(
            "Klima og miljø",
            40,
            None,
            "Klimafotavtrykk",
            "Livsløpsvurdering",
            "Poeng etter kg CO2e per kWh",
            True,
            "4.1",
        ),
    )
    # The same fields build_tender_content (procurement/tender_document/build.py) fills from a procurement.
    return TenderContent(
        organization_name="Bergen kommune",
        reference="2026/014",
        title="Elektriske busser",
        description="Kjøp av elektriske busser.",
        is_draft=True,
        document_version=1,
        document_date=date(2026, 11, 23),
        facts=(
            ("Oppdragsgiver", "Bergen kommune"),
            ("Type anskaffelse", "Varer"),
            ("Prosedyre", "Åpen anbudskonkurranse"),
            ("Regelverk", "Del III (over EØS-terskelverdien). Kunngjøring i TED og Doffin."),
            ("Anslått verdi", "120 000 000 kr eks. mva."),
            ("Kunngjort", "ikke publisert ennå"),
            ("Tilbudsfrist", "1. februar 2027"),
            ("Kontraktens varighet", "48 måneder, med opsjon på 24 måneder (til sammen 72 måneder)"),
        ),
        requirement_sections=sections,
        award_criteria=awards,
        ranked=False,
        rule_status="Klima og miljø vektes 40 % (minst 30 %).",
        rule_justification="",
        contract_clauses=(
            Clause("Menneskerettigheter", "Kravene til menneskerettigheter står i punkt 5.1."),
            Clause("Åpenhet i leverandørkjeden", TEXT),
        ),
    )


def floor_html(tender: TenderContent) -> str:
    """The same words as plain HTML: no stylesheet, fonts, TOC or page furniture."""
    parts = [f"<html lang='nb'><head><title>{html.escape(tender.title)}</title></head><body>"]
    parts.append(f"<h1>{html.escape(tender.title)}</h1><p>{html.escape(tender.description)}</p>")
    for section in tender.requirement_sections:
        parts.append(f"<h2>{section.number} {html.escape(section.title)}</h2>")
        for req in section.requirements:
            parts.append(f"<h3>{req.number} {html.escape(req.title)}</h3><p>{html.escape(req.text)}</p>")
            parts.append(f"<p>{html.escape(req.documentation)}</p>")
    parts.append("</body></html>")
    return "".join(parts)


def best_of(repeat: int, fn):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    best_of(1, lambda: render_pdf("pdf/tender.html", {"tender": content(10), "document_title": "x"}))  # warm-up
    print(f"{'requirements':>12} {'seconds':>8} {'pages':>6} {'floor s':>8} {'floor pages':>11} {'ratio':>6}")
    for n in (10, 50, 100, 200):
        tender = content(n)
        seconds, ours = best_of(
            args.repeat, lambda t=tender: render_pdf("pdf/tender.html", {"tender": t, "document_title": t.title})
        )
        floor_s, floor = best_of(args.repeat, lambda t=tender: render_html_to_pdf(floor_html(t)))
        print(
            f"{n:>12} {seconds:>8.2f} {ours.page_count:>6} {floor_s:>8.2f} {floor.page_count:>11} {seconds / floor_s:>6.2f}"
        )


if __name__ == "__main__":
    main()
