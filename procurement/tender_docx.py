"""The tender document as DOCX, with the same content and headings as the PDF (templates/pdf/tender.html).

Buyers upload Word files into their e-tendering systems, so the file uses real
heading styles (Heading 1 for the parts, Heading 2 inside them) and real tables
with header rows: a screen reader and Word's navigation pane both see the
structure. User text is written as plain runs; nothing is interpreted.
"""

import io

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu

from core.formatting import format_day
from procurement.evaluation.tender_model import evaluation_model_context
from procurement.models import Procurement
from procurement.tender_document.build import build_tender_content


def _mark_header_row(table) -> None:
    """Repeat the first row on every page and tell assistive technology it is a header."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _table(doc, header: list[str] | None, rows: list[list[str]]):
    table = doc.add_table(rows=0, cols=len(header or rows[0]))
    table.style = "Table Grid"
    if header:
        cells = table.add_row().cells
        for cell, text in zip(cells, header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        _mark_header_row(table)
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    return table


def _facts_table(doc, facts) -> None:
    _table(doc, None, [[label, value] for label, value in facts])


# The logo's box on the cover, as in the PDF template: at most 7 × 2.5 cm, aspect kept.
LOGO_MAX_WIDTH, LOGO_MAX_HEIGHT = Cm(7), Cm(2.5)


def _logo(doc, tender) -> None:
    logo = tender.logo
    scale = min(LOGO_MAX_WIDTH / logo.width, LOGO_MAX_HEIGHT / logo.height)
    doc.add_picture(io.BytesIO(logo.content), width=Emu(int(logo.width * scale)), height=Emu(int(logo.height * scale)))
    # The picture's alternative text, for screen readers (Word's "Alt Text").
    doc_pr = doc.inline_shapes[-1]._inline.docPr
    doc_pr.set("descr", _("Logoen til %(name)s") % {"name": tender.organization_name})


def write_docx(tender, evaluation_model, evaluation_summary) -> bytes:
    doc = Document()
    doc.core_properties.title = _("Konkurransegrunnlag: %(ref)s %(title)s") % {
        "ref": tender.reference,
        "title": tender.title,
    }
    doc.core_properties.author = tender.organization_name
    doc.core_properties.language = "nb-NO"

    if tender.logo:
        _logo(doc, tender)
    doc.add_paragraph(tender.organization_name)
    doc.add_heading(tender.title, level=0)
    doc.add_paragraph(_("Konkurransegrunnlag"))
    if tender.is_draft:
        doc.add_paragraph().add_run(_("UTKAST – ikke publisert")).bold = True
    cover = [
        (_("Referanse"), tender.reference),
        (_("Dokumentversjon"), str(tender.document_version)),
        (_("Dato"), format_day(tender.document_date, long=True)),
    ]
    if tender.amendment_count:
        cover.append((_("Rettelser"), str(tender.amendment_count)))
    _facts_table(doc, cover)

    # No static table of contents: Word builds one from the heading styles, with page numbers.
    doc.add_heading(f"1 {tender.about_title}", level=1)
    if tender.description:
        doc.add_paragraph(tender.description)
    _facts_table(doc, tender.facts)

    for section in tender.requirement_sections:
        doc.add_heading(f"{section.number} {section.title}", level=1)
        if section.kind == "tildelingskriterium":
            _award_part(doc, tender, evaluation_model, evaluation_summary)
        for req in section.requirements:
            kind = _("skal-krav") if req.mandatory else _("bør-krav")
            doc.add_heading(f"{req.number} {req.title} ({kind})", level=2)
            doc.add_paragraph(req.text)
            if req.documentation:
                p = doc.add_paragraph()
                p.add_run(_("Dokumentasjon:")).bold = True
                p.add_run(f" {req.documentation}")
        if not section.requirements and section.kind not in ("tildelingskriterium", "kontraktsvilkar"):
            doc.add_paragraph(_("Ingen krav i denne delen."))
        if section.kind == "kontraktsvilkar":
            for clause in tender.contract_clauses:
                doc.add_heading(clause.title, level=2)
                doc.add_paragraph(clause.text)

    doc.add_heading(tender.annex_title, level=1)
    if tender.documentation_annex:
        _table(
            doc,
            [_("Krav"), _("Dette skal leverandøren legge ved")],
            [[f"{r.number} {r.title}", r.documentation] for r in tender.documentation_annex],
        )
    else:
        doc.add_paragraph(_("Ingen krav ber om egen dokumentasjon."))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _award_part(doc, tender, evaluation_model, evaluation_summary) -> None:
    weight_label = _("Rang") if tender.ranked else _("Vekt")
    rows = []
    for award in tender.award_criteria:
        name = award.name
        lowered = name.lower()
        if award.is_environmental and "klima" not in lowered and "miljø" not in lowered:
            name = f"{name} ({_('klima og miljø')})"
        details = "\n".join(
            part
            for part in (
                award.description,
                f"{_('Underkriterier:')} {award.sub_criteria}" if award.sub_criteria else "",
                _("Evaluerer krav %(numbers)s") % {"numbers": award.requirement_numbers}
                if award.requirement_numbers
                else "",
            )
            if part
        )
        weight = str(award.rank) if tender.ranked else f"{award.weight} %"
        rows.append([f"{name}\n{details}".strip(), weight, award.scoring])
    if not tender.ranked:
        rows.append([_("Sum"), f"{tender.weight_total} %", ""])
    _table(doc, [_("Kriterium"), weight_label, _("Slik vurderes det")], rows)
    p = doc.add_paragraph()
    p.add_run(_("Klima og miljø (anskaffelsesforskriften § 7-9):")).bold = True
    p.add_run(f" {tender.rule_status}")
    if tender.rule_justification:
        doc.add_paragraph(tender.rule_justification)
    if evaluation_model:
        doc.add_heading(_("Poengmodell"), level=2)
        doc.add_paragraph(evaluation_summary)
        for line in evaluation_model:
            p = doc.add_paragraph()
            weight = f" ({line.weight} %)" if line.weight is not None else ""
            p.add_run(f"{line.name}{weight}").bold = True
            p.add_run(f": {line.method}. {line.formula}")
            if line.scale_description:
                doc.add_paragraph(line.scale_description)
            if line.fuel_classes:
                _table(doc, [_("Kjøretøyklasse"), _("Poeng")], [list(row) for row in line.fuel_classes])


def render_tender_docx(procurement: Procurement) -> bytes:
    """The DOCX as the tender stands now, in the product's language (as the PDF)."""
    with translation.override(settings.LANGUAGE_CODE):
        tender = build_tender_content(procurement)
        return write_docx(tender, **evaluation_model_context(procurement))
