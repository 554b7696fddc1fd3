"""The due-diligence loop in two browsers: the follower e-mails a § 6 request, the supplier answers on the
answer page (no account) with a PDF and an EMRT workbook, the follower previews and accepts the workbook."""

import datetime
import email
import io
import re

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import expect
from pypdf import PdfReader

from battery_chain.models import MineralsReport, SourcingLine
from core.formatting import format_day
from core.roles import Role
from suppliers.follow_up.letter_seed import ensure_national_templates
from suppliers.models import AnswerFile, Attachment, DueDiligenceRequest
from tests.battery_chain import helpers as workbooks
from tests.e2e.axe import axe_violations, describe
from tests.e2e.test_tender_builder import log_in
from tests.factories import (
    OrganizationFactory,
    follow_up_case,
    member,
    minerals_materials,
    minerals_product,
    supplier_contact,
)
from tests.suppliers.helpers import TINY_PDF

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def eager_tasks(settings):
    """Run tasks in the live server's thread, so the locmem outbox of this process gets the mail."""
    from config.celery import app

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


def _parts(raw: bytes):
    parsed = email.message_from_bytes(raw)
    text = next(p for p in parsed.walk() if p.get_content_type() == "text/plain").get_payload(decode=True).decode()
    pdf = next(p for p in parsed.walk() if p.get_content_type() == "application/pdf").get_payload(decode=True)
    return text, pdf


def test_follower_emails_a_request_the_supplier_answers_on_the_page_and_the_workbook_is_accepted(
    live_server, page, browser, eager_tasks
):
    ensure_national_templates()
    org = OrganizationFactory(name="Bergen testkommune")
    follower = member(org, Role.CONTRACT_FOLLOWER)
    follower.first_name, follower.last_name, follower.email = "Kari", "Nordmann", "kari@bergen.example"
    follower.save()
    case = follow_up_case(org, user=follower, title="Batterikjeden i elbussene")
    supplier_contact(org, case.supplier, name="Siri Haugland", email="siri@leverandor.example")
    minerals_materials()
    product = minerals_product(org)
    product.supplier, product.contract = case.supplier, case.contract
    product.save()

    # 1. The follower makes a § 6 request and sends it by e-mail from the request page.
    log_in(page, live_server.url, follower)
    page.goto(f"{live_server.url}/oppfolging/saker/{case.pk}/")
    page.get_by_role("link", name="Ny forespørsel").click()
    page.get_by_label("Brevmal").select_option(
        label="Informasjonskrav etter åpenhetsloven § 6: Informasjonskrav etter åpenhetsloven § 6 (nasjonal)"
    )
    page.get_by_label("Mottaker hos leverandøren").select_option(label="Siri Haugland")
    page.get_by_role("button", name="Lag utkast").click()
    page.get_by_role("link", name="Send på e-post").first.click()
    page.get_by_label("Siri Haugland").check()
    page.get_by_role("button", name="Send e-posten").click()
    expect(page.get_by_text("Brevet er lagt i kø for e-post til siri@leverandor.example")).to_be_visible()
    expect(page.get_by_test_id("request-status")).to_have_text("Sendt")
    expect(page.get_by_test_id("mail-status")).to_have_text("Sendt")

    # The test mail backend caught it: to the contact, the final PDF attached, the link in the text.
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["siri@leverandor.example"]
    text, pdf = _parts(mail.outbox[0].message().as_bytes())
    pdf_text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "UTKAST" not in pdf_text and "Vår ref." in pdf_text and "Kari Nordmann" in pdf_text
    link = re.search(r"https?://\S+/svar/\S+/", text).group(0)

    # 2. The supplier, in another browser context (a phone-sized one), opens the link.
    supplier_context = browser.new_context(locale="nb-NO", viewport={"width": 390, "height": 844}, bypass_csp=True)
    supplier = supplier_context.new_page()
    supplier.set_default_timeout(10_000)
    supplier.goto(link)
    req = DueDiligenceRequest.objects.get()
    expect(supplier.get_by_role("heading", name=req.subject)).to_be_visible()
    assert "Batterikjeden i elbussene" not in supplier.content()  # the buyer's case title stays internal
    found = axe_violations(supplier)
    assert found == [], describe(found)

    supplier.get_by_label(req.questions[0]).fill("Koboltet kommer fra to gruver i DR Kongo; se vedlagt EMRT.")
    supplier.get_by_role("button", name="Lagre utkast").click()
    expect(supplier.get_by_text("Utkastet er lagret.")).to_be_visible()

    supplier.get_by_label("Hva slags fil").select_option("vedlegg")
    supplier.get_by_label("Fil", exact=True).set_input_files(
        files=[{"name": "aktsomhetsvurdering.pdf", "mimeType": "application/pdf", "buffer": TINY_PDF}]
    )
    supplier.get_by_role("button", name="Last opp").click()
    expect(supplier.get_by_text("Filen er lagt ved.")).to_be_visible()
    supplier.get_by_label("Hva slags fil").select_option("mineralrapport")
    supplier.get_by_label("Fil", exact=True).set_input_files(
        files=[{"name": "nordic-cells-emrt.xlsx", "mimeType": XLSX, "buffer": workbooks.emrt(shift=1)}]
    )
    supplier.get_by_role("button", name="Last opp").click()
    files = supplier.get_by_test_id("answer-files")
    expect(files).to_contain_text("aktsomhetsvurdering.pdf")
    expect(files).to_contain_text("nordic-cells-emrt.xlsx")
    expect(supplier.get_by_label(req.questions[0])).to_have_value(
        "Koboltet kommer fra to gruver i DR Kongo; se vedlagt EMRT."
    )
    found = axe_violations(supplier)
    assert found == [], describe(found)
    assert MineralsReport.objects.count() == 0  # nothing imported before the follower accepts

    # Åpenhetsloven § 6: the supplier gives notice within the three weeks; the deadline moves at once.
    supplier.get_by_label("Hvorfor trenger dere mer tid, og når kan dere svare?").fill(
        "Vi må innhente svar fra 40 underleverandører; svaret kommer innen to måneder."
    )
    supplier.get_by_role("button", name="Varsle utsatt frist").click()
    expect(supplier.get_by_text("Varselet er registrert")).to_be_visible()
    req.refresh_from_db()
    assert req.extension_notified_on is not None and req.deadline > req.sent_on + datetime.timedelta(weeks=3)
    with translation.override("nb"):
        new_deadline = format_day(req.deadline)
    expect(supplier.get_by_test_id("extension-given")).to_contain_text(new_deadline)
    expect(supplier.get_by_test_id("answer-files")).to_contain_text("nordic-cells-emrt.xlsx")

    supplier.get_by_role("button", name="Send inn svaret").click()
    expect(supplier.get_by_role("heading", name="Takk for svaret")).to_be_visible()
    supplier.goto(link)
    expect(supplier.get_by_role("heading", name="Svaret er mottatt")).to_be_visible()
    supplier_context.close()
    assert AnswerFile.objects.count() == 0 and Attachment.objects.count() == 2

    # 3. The follower sees the answer at once, previews the workbook and accepts it.
    page.reload()
    expect(page.get_by_test_id("request-status")).to_have_text("Besvart")
    expect(page.get_by_test_id("via-answer-page")).to_be_visible()
    expect(page.get_by_test_id("extension")).to_contain_text("40 underleverandører")
    expect(page.get_by_text("Koboltet kommer fra to gruver i DR Kongo")).to_be_visible()
    expect(page.get_by_role("link", name="aktsomhetsvurdering.pdf")).to_be_visible()
    page.get_by_role("link", name="Forhåndsvis og importer mineralrapporten nordic-cells-emrt.xlsx").click()
    page.get_by_role("button", name="Vis forhåndsvisning").click()
    expect(page.get_by_role("heading", name="Forhåndsvisning av import")).to_be_visible()
    expect(page.get_by_test_id("template")).to_have_text("EMRT 2.1")
    expect(page.get_by_test_id("lines")).to_contain_text("Salar de Atacama")
    assert MineralsReport.objects.count() == 0
    page.get_by_role("button", name="Bekreft og importer 5 linjer").click()
    expect(page.get_by_text("er importert med 5 opprinnelseslinjer")).to_be_visible()
    assert SourcingLine.objects.filter(report__product=product).count() == 5

    # 4. The timeline tells it: sent, opened, answered.
    page.goto(f"{live_server.url}/oppfolging/saker/{case.pk}/tidslinje/")
    timeline = page.get_by_test_id("timeline")
    titles = timeline.locator("li strong").all_inner_texts()
    assert {
        "Brev sendt",
        "E-post sendt til leverandøren",
        "Åpnet av leverandøren",
        "Leverandøren varslet utsatt frist (åpenhetsloven § 6)",
        "Svar mottatt",
    } <= set(titles)
    assert titles.index("Brev sendt") < titles.index("Åpnet av leverandøren") < titles.index("Svar mottatt")


def test_the_axe_helper_reports_what_it_should(page):
    """The check above can fail: a page with an unlabelled field and an image without text is reported."""
    page.set_content('<html lang="nb"><body><main><h1>x</h1><img src="data:,"><input type="text"></main></body></html>')
    found = {v["id"] for v in axe_violations(page)}
    assert {"image-alt", "label"} <= found
