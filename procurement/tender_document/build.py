"""Fill the tender document's content (content.py) from a procurement, and render it as a PDF.

A fixed number of queries whatever the tender's size: requirements in one,
award criteria with their requirements in two, the rule data in six, the
amendment events in one, the logo in one. Numbers come from numbering.number_sections, so the
document says 3.2 where the builder page says 3.2.
"""

from datetime import date

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.formatting import format_day
from core.logos import read_logo
from core.pdf import RenderedPdf, render_pdf
from criteria.models import Kind
from procurement import rules
from procurement.evaluation.tender_model import evaluation_model_context
from procurement.models import Procurement, ProcurementEvent, Requirement, TenderDocument
from procurement.numbering import number_sections
from procurement.tender_document.content import AwardLine, Clause, RequirementLine, Section, TenderContent


def _section_titles() -> dict[str, str]:
    # The builder labels a section by its kind; the document names its parts in the plural.
    return {
        Kind.QUALIFICATION: _("Kvalifikasjonskrav"),
        Kind.SPECIFICATION: _("Kravspesifikasjon"),
        Kind.AWARD_CRITERION: _("Tildelingskriterier"),
        Kind.CONTRACT_TERM: _("Kontraktsvilkår"),
    }


def _nok(amount) -> str:
    return _("%(amount)s kr eks. mva.") % {"amount": f"{amount:,.0f}".replace(",", " ")}


def _months(n: int) -> str:
    return _("%(n)s måneder") % {"n": n}


def _date(value: date | None) -> str:
    return format_day(value, long=True) if value else _("ikke fastsatt")


def _facts(procurement: Procurement, regime: rules.Regime) -> tuple[tuple[str, str], ...]:
    contract = _months(procurement.contract_months)
    if procurement.option_months:
        contract = _("%(contract)s, med opsjon på %(options)s (til sammen %(total)s)") % {
            "contract": contract,
            "options": _months(procurement.option_months),
            "total": _months(procurement.total_months),
        }
    published = timezone.localdate(procurement.published_at) if procurement.published_at else None
    return (
        (_("Oppdragsgiver"), procurement.organization.name),
        (_("Type anskaffelse"), procurement.get_kind_display()),
        (_("Prosedyre"), procurement.get_procedure_display()),
        (_("Regelverk"), f"{regime.label}. {regime.explanation}"),
        (_("Anslått verdi"), _nok(procurement.estimated_value)),
        (_("Kunngjort"), _date(published) if published else _("ikke publisert ennå")),
        (_("Tilbudsfrist"), _date(procurement.tender_deadline)),
        (_("Frist for spørsmål"), _date(procurement.question_deadline)),
        (_("Kontraktens varighet"), contract),
        (_("Kontaktperson"), _contact(procurement.contact_person or procurement.responsible)),
        (_("Slik leveres tilbudet"), procurement.submission or _("ikke fastsatt")),
        (_("Kvalifikasjon og ESPD"), procurement.qualification_notes or _("ikke fastsatt")),
    )


def _contact(user) -> str:
    if user is None:
        return _("ikke fastsatt")
    name = user.get_full_name() or user.username
    return f"{name}, {user.email}" if user.email else name


def _rule_status(compliance: rules.Compliance) -> str:
    """The § 7-9 verdict: the last check that is not a side warning (see rules.environment_rule)."""
    return next((c.message for c in reversed(compliance.checks) if c.level != "advarsel"), "")


def _clauses(procurement: Procurement, requirements: list[Requirement]) -> tuple[Clause, ...]:
    human_rights = [r.number for r in requirements if r.human_rights_clause]
    clauses = []
    if human_rights:
        clauses.append(
            Clause(
                _("Menneskerettigheter"),
                _("Kravene til grunnleggende menneskerettigheter i leverandørkjeden står i punkt %(numbers)s.")
                % {"numbers": ", ".join(human_rights)},
            )
        )
    elif not procurement.high_risk_justification.strip():
        clauses.append(
            Clause(
                _("Menneskerettigheter"),
                _(
                    "Leverandøren skal respektere grunnleggende menneskerettigheter og arbeidstakerrettigheter i egen "
                    "virksomhet og i leverandørkjeden, etter FNs veiledende prinsipper og OECDs retningslinjer for "
                    "ansvarlig næringsliv, og skal på forespørsel gjøre rede for hvordan dette følges opp."
                ),
            )
        )
    clauses.append(
        Clause(
            _("Åpenhet i leverandørkjeden"),
            _(
                "Leverandøren skal arbeide aktivt for åpenhet om hvilke selskaper og produksjonssteder som inngår i "
                "leverandørkjeden, helt ned til råvarene, og om brudd på kontraktsvilkårene. Slike opplysninger er "
                "som klar hovedregel ikke forretningshemmeligheter (offentleglova § 13). Skriftlige spørsmål om "
                "aktsomhetsvurderinger besvares innen tre uker, slik åpenhetsloven § 6 krever."
            ),
        )
    )
    return tuple(clauses)


def _document_date(procurement: Procurement, amendment_dates: list) -> date:
    """A date derived from the content, never the clock, so the same tender renders to the same bytes.

    Published: the day of publication or of the latest amendment. Draft: the day it was last changed.
    """
    if procurement.published_at:
        return timezone.localdate(max([procurement.published_at, *amendment_dates]))
    return timezone.localdate(procurement.updated_at)


def build_tender_content(procurement: Procurement) -> TenderContent:
    requirements = list(procurement.requirements.all())
    numbered = number_sections(requirements)
    awards = list(
        procurement.award_criteria.prefetch_related(
            Prefetch("requirements", queryset=Requirement.objects.only("pk", "procurement_id"))
        )
    )
    numbers = {r.pk: r.number for r in requirements}
    on = rules.rule_date(procurement)
    regime = rules.regime_for(
        value=procurement.estimated_value, kind=procurement.kind, buyer_type=procurement.buyer_type, on=on
    )
    compliance = rules.environment_rule(procurement, awards, on=on)
    amendment_dates = list(
        procurement.events.filter(kind=ProcurementEvent.Kind.AMENDMENT).values_list("created_at", flat=True)
    )
    titles = _section_titles()
    return TenderContent(
        organization_name=procurement.organization.name,
        reference=procurement.reference,
        title=procurement.title,
        description=procurement.description,
        is_draft=procurement.is_draft or procurement.amendment_open,
        document_version=procurement.document_version,
        document_date=_document_date(procurement, amendment_dates),
        facts=_facts(procurement, regime),
        requirement_sections=tuple(
            Section(
                s.number,
                titles[s.kind],
                s.kind,
                tuple(RequirementLine(r.number, r.title, r.text, r.documentation, r.mandatory) for r in s.requirements),
            )
            for s in numbered
        ),
        award_criteria=tuple(
            AwardLine(
                name=a.name,
                weight=a.weight,
                rank=a.rank,
                description=a.description,
                sub_criteria=a.sub_criteria,
                scoring=a.scoring,
                is_environmental=a.is_environmental,
                requirement_numbers=", ".join(
                    sorted((numbers[r.pk] for r in a.requirements.all() if r.pk in numbers), key=_number_key)
                ),
            )
            for a in awards
        ),
        ranked=procurement.award_method == Procurement.AwardMethod.RANKED,
        rule_status=_rule_status(compliance),
        # DFØ: the justification for the specification route or an exception belongs in the documents.
        rule_justification=procurement.rule_exception_justification.strip()
        if compliance.route and compliance.route.requires_justification
        else "",
        rule_text=compliance.text_label,
        rule_ground=f"{compliance.route.paragraph}: {compliance.route.label}" if compliance.route else "",
        rule_code=compliance.eforms_code or "",
        amendment_count=len(amendment_dates),
        contract_clauses=_clauses(procurement, requirements),
        about_title=_("Om anskaffelsen"),
        annex_title=_("Vedlegg: Dokumentasjon som skal leveres"),
        logo=read_logo(procurement.organization),
    )


def _number_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


# ---------------------------------------------------------------- rendering


def render_tender(procurement: Procurement) -> RenderedPdf:
    """The tender PDF as it stands now, in the product's language (not the requester's)."""
    with translation.override(settings.LANGUAGE_CODE):
        tender = build_tender_content(procurement)
        return render_pdf(
            "pdf/tender.html",
            {
                "tender": tender,
                **evaluation_model_context(procurement),
                "document_title": _("Konkurransegrunnlag: %(ref)s %(title)s")
                % {"ref": tender.reference, "title": tender.title},
                "document_author": tender.organization_name,
            },
        )


def render_document(document: TenderDocument) -> RenderedPdf:
    """run_job's render function: the job row names the procurement."""
    procurement = Procurement.objects.select_related("organization").get(pk=document.procurement_id)
    return render_tender(procurement)
