"""From the demo bus tender's bids to a signed contract in a real browser: two evaluators and a consensus step."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.roles import Role
from procurement.evaluation.models import AwardDecision
from procurement.models import Procurement
from suppliers.models import Contract
from tests.e2e.test_tender_builder import log_in
from tests.factories import _orgnr, member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BUS_TENDER = "Elektriske busser for bybusstrafikken"
# name, orgnr seq, price (NOK), climate points from evaluator 1 and 2, agreed
BIDS = [
    ("Grønn Buss AS", 901, "100000000", 10, 8, 9),
    ("Billig Buss AS", 902, "90000000", 3, 3, 3),
    ("Mellom Buss AS", 903, "95000000", 5, 6, 5.5),
]


@pytest.fixture
def demo_bus_tender(rule_tables):
    """The demo organisations, library and procurements; the bus tender's deadline has just passed."""
    from core import demo as core_demo
    from criteria import demo as criteria_demo
    from procurement import demo as procurement_demo

    out = io.StringIO()
    core_demo.load(out)
    criteria_demo.load(out)
    procurement_demo.load(out)
    tender = Procurement.objects.get(title=BUS_TENDER)
    Procurement.objects.filter(pk=tender.pk).update(tender_deadline=timezone.localdate() - timedelta(days=1))
    return tender


def _log_in_demo(page, url, username):
    page.goto(f"{url}/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill("gronn-demo-2026")
    page.locator("main button[type=submit]").click()


def _score_all(page, url, tender, which):
    page.goto(f"{url}/anskaffelser/{tender.pk}/evaluering/")
    for bid in BIDS:
        name, points = bid[0], bid[3 + which]
        page.get_by_role("link", name=f"Mine poeng {name}").click()
        page.get_by_label("Poeng (0–10)").fill(str(points))
        page.get_by_label("Hva i tilbudet poengene bygger på").fill("Livsløpsanalysen i vedlegg 4.")
        page.get_by_role("button", name="Lagre mine poeng").click()
        expect(page.get_by_text(f"Dine poeng for {name} er lagret.")).to_be_visible()


def test_officer_evaluates_awards_and_signs_the_demo_bus_tender(live_server, page, browser, demo_bus_tender):
    tender = demo_bus_tender
    url = live_server.url
    colleague = member(tender.organization, Role.BUYER)
    _log_in_demo(page, url, "innkjoper@bergen.example")
    # The city-bus tender is the county's (Vestland/Skyss); this officer works for both.
    page.goto(f"{url}/")
    page.locator("#org-switch").select_option(str(tender.organization_id))
    page.get_by_role("button", name="Bytt").click()

    # 1. Three bids, registered after the deadline from the procurement's Evaluering tab.
    page.goto(f"{url}/anskaffelser/{tender.pk}/")
    page.get_by_role("link", name="Evaluering", exact=True).click()
    expect(page.get_by_text("Ingen tilbud er registrert.")).to_be_visible()
    for name, seq, price, *_points in BIDS:
        page.get_by_role("link", name="Registrer tilbud").click()
        page.get_by_label("Leverandør", exact=True).fill(name)
        page.get_by_label("Organisasjonsnummer").fill(_orgnr(seq))
        page.get_by_label("Tilbudt pris (NOK eks. mva.)").fill(price)
        for select in page.locator("select[name^=q_]").all():
            select.select_option("ja")
        page.get_by_label("Lovet klimaverdi").first.fill("Andel nullutslippsbusser")
        page.get_by_label("Mål").first.fill("100")
        page.get_by_label("Enhet").first.fill("%")
        page.get_by_role("button", name="Registrer tilbudet").click()
        expect(page.get_by_text(f"Tilbudet fra {name} er registrert.")).to_be_visible()
    expect(page.locator("#bids tbody tr")).to_have_count(3)

    # 2. Two evaluators score alone.
    _score_all(page, url, tender, 0)
    other = browser.new_context(locale="nb-NO").new_page()
    log_in(other, url, colleague)
    _score_all(other, url, tender, 1)
    other.context.close()

    # 3. The consensus step shows the spread and takes the agreed points with a note where they disagreed.
    page.get_by_role("link", name="Konsensus").click()
    expect(page.get_by_text("uenige").first).to_be_visible()
    for name, _seq, _price, first, second, agreed in BIDS:
        page.get_by_label(f"Omforent poengsum for {name}").fill(str(agreed))
        if first != second:
            page.get_by_label(f"Begrunnelse for {name}").fill("Gjennomgått sammen; enige.")
    page.get_by_role("button", name="Lagre omforente poeng").click()
    expect(page.get_by_text("De omforente poengene er lagret.")).to_be_visible()

    # 4. The ranking: with 40 % climate Grønn Buss wins; on price alone Billig Buss would have.
    ranking = page.locator("#ranking")
    expect(ranking.locator("tbody tr").first).to_contain_text("Grønn Buss AS")
    expect(page.locator("#environment-effect")).to_contain_text("Klima- og miljøkriteriet avgjør konkurransen")

    # 5. The award decision, the letter as PDF, and the standstill end.
    page.get_by_role("link", name="Tildelingsbeslutning").click()
    page.get_by_label("Begrunnelse for valget").fill("Høyest samlet poengsum etter vektingen.")
    page.get_by_label("Det valgte tilbudets egenskaper og relative fordeler").fill("Lavest klimaavtrykk per km.")
    page.get_by_role("button", name="Beslutt tildeling").click()
    expect(page.get_by_role("heading", name="Tildelt Grønn Buss AS")).to_be_visible()
    expect(page.locator("#standstill")).to_contain_text("10 dager")
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned brevet om tildelingsbeslutning (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    with open(download.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    expect(page.get_by_role("link", name="Kontrakt signert")).to_have_count(0)

    # 6. After the standstill end the signed contract goes to follow-up with its obligations.
    today = timezone.localdate()
    AwardDecision.objects.filter(procurement=tender).update(
        decided_on=today - timedelta(days=12), standstill_end=today - timedelta(days=2)
    )
    page.reload()
    page.get_by_role("link", name="Kontrakt signert").click()
    page.get_by_role("button", name="Registrer signert kontrakt").click()
    expect(page.get_by_text("Kontrakten med Grønn Buss AS er registrert")).to_be_visible()
    expect(page.get_by_text("Andel nullutslippsbusser")).to_be_visible()
    expect(page.get_by_text("Mål: 100 %")).to_be_visible()
    contract = Contract.objects.get(procurement=tender)
    assert contract.obligations.filter(target=100).count() == 1
    assert contract.obligations.filter(target__isnull=True).exists()  # the tender's contract clauses
