"""Tender PDF benchmark: our tender PDF against WeasyPrint on the same HTML without stylesheet.

Run: DEBUG=1 .venv/bin/python bench/pdf_bench.py [--repeat 3] [--sizes 10,50,100,200]

The floor is WeasyPrint on the very HTML the tender template renders with every stylesheet
removed (the <link> to pdf.css and the inline <style>): the same cover, contents, sections
and annex, in browser defaults, through the same PDF service (tagged PDF/UA). Ours and the
floor alternate, best of N each; the ratio is taken on CPU time, which the other engineers'
load on the shared machine does not inflate. Aims: ratio at most 1.5; 100 requirements in
at most 3 s on a 2-core machine.
"""

import argparse
import os
import re
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.template.loader import render_to_string  # noqa: E402

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


def tender_html(tender: TenderContent) -> str:
    return render_to_string("pdf/tender.html", {"tender": tender, "document_title": tender.title})


_STYLESHEETS = re.compile(r"<link[^>]*rel=\"stylesheet\"[^>]*>|<style[^>]*>.*?</style>", re.S)


def floor_html(html_text: str) -> str:
    """The same HTML without its stylesheets: cover, contents and every section, browser defaults."""
    return _STYLESHEETS.sub("", html_text)


def timed(fn):
    """(wall seconds, CPU seconds of this process, result): CPU time is what the shared machine cannot blur."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="10,50,100,200", help="requirement counts, comma-separated")
    args = parser.parse_args()
    render_pdf("pdf/tender.html", {"tender": content(10), "document_title": "x"})  # warm-up: fonts, dictionaries
    print("| requirements | pages | floor pages | s (wall) | floor s (wall) | s (CPU) | floor s (CPU) | ratio (CPU) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in (int(size) for size in args.sizes.split(",")):
        page = tender_html(content(n))
        bare = floor_html(page)
        assert bare != page and "<link" not in bare and "<style" not in bare
        best = {"ours": [float("inf")] * 2, "floor": [float("inf")] * 2}
        pdfs = {}
        for _ in range(args.repeat):  # interleaved, so a burst of load hits both alike
            for name, text in (("ours", page), ("floor", bare)):
                wall, cpu, pdfs[name] = timed(lambda t=text: render_html_to_pdf(t))
                best[name] = [min(best[name][0], wall), min(best[name][1], cpu)]
        (wall, cpu), (floor_wall, floor_cpu) = best["ours"], best["floor"]
        print(
            f"| {n} | {pdfs['ours'].page_count} | {pdfs['floor'].page_count} | {wall:.2f} | {floor_wall:.2f} "
            f"| {cpu:.2f} | {floor_cpu:.2f} | {cpu / floor_cpu:.2f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
