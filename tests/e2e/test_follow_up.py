"""A contract follower works a follow-up case in a real browser: a § 6 request, the answer, a deviation, the timeline."""

import datetime

import pytest
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from core.formatting import format_day
from core.roles import Role
from suppliers.follow_up.letter_seed import ensure_national_templates
from suppliers.models import Attachment, Deviation, DueDiligenceRequest
from tests.e2e.test_tender_builder import log_in
from tests.factories import OrganizationFactory, follow_up_case, member, supplier_contact
from tests.suppliers.helpers import TINY_PDF

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_follower_sends_a_transparency_act_request_logs_the_answer_and_opens_a_deviation(
    live_server, page, tmp_path, rule_tables
):
    ensure_national_templates()  # a transactional test starts from flushed tables
    org = OrganizationFactory(name="Bergen testkommune")
    follower = member(org, Role.CONTRACT_FOLLOWER)
    case = follow_up_case(org, user=follower, title="Batterikjeden i leasede elbiler")
    supplier_contact(org, case.supplier, name="Siri Haugland", email="siri@leasing.example")
    today = timezone.localdate()
    with translation.override("nb"):
        three_weeks = formats.date_format(today + datetime.timedelta(days=21), "j. F Y")  # the letter's long form
        three_weeks_on_page = format_day(today + datetime.timedelta(days=21))  # the pages' style (issue 21)
    pdf = tmp_path / "aktsomhetsvurdering.pdf"
    pdf.write_bytes(TINY_PDF)

    log_in(page, live_server.url, follower)

    # 1. The follower opens the case from the case list.
    page.goto(f"{live_server.url}/oppfolging/saker/")
    page.get_by_role("link", name="Batterikjeden i leasede elbiler").click()
    expect(page.get_by_role("heading", name="Batterikjeden i leasede elbiler")).to_be_visible()

    # 2. An information request under åpenhetsloven § 6, from the national template.
    page.get_by_role("link", name="Ny forespørsel").click()
    page.get_by_label("Brevmal").select_option(
        label="Informasjonskrav etter åpenhetsloven § 6: Informasjonskrav etter åpenhetsloven § 6 (nasjonal)"
    )
    page.get_by_label("Mottaker hos leverandøren").select_option(label="Siri Haugland")
    page.get_by_role("button", name="Lag utkast").click()
    expect(page.get_by_text("Utkastet er laget.")).to_be_visible()
    expect(page.get_by_text(f"innen {three_weeks}")).to_be_visible()

    page.get_by_role("link", name="Send", exact=True).click()
    expect(page.get_by_label("Svarfrist")).to_have_value((today + datetime.timedelta(days=21)).isoformat())
    page.get_by_role("button", name="Registrer som sendt").click()
    expect(page.get_by_test_id("request-status")).to_have_text("Sendt")
    expect(page.get_by_test_id("deadline")).to_have_text(three_weeks_on_page)

    # 3. The supplier's answer with a PDF attachment.
    page.get_by_role("link", name="Registrer svar").click()
    req = DueDiligenceRequest.objects.get()
    page.get_by_label(req.questions[0]).fill("Risiko for tvangsarbeid i koboltgruver i DR Kongo.")
    page.get_by_label("Vedlegg").set_input_files(str(pdf))
    page.get_by_label("Vurdering", exact=True).select_option("delvis")
    page.get_by_label("Begrunnelse for vurderingen").fill("Mangler opplysninger om smelteverk.")
    page.get_by_role("button", name="Registrer svaret").click()
    expect(page.get_by_test_id("request-status")).to_have_text("Besvart")
    expect(page.get_by_role("link", name="aktsomhetsvurdering.pdf")).to_be_visible()

    # 4. A deviation on the contract's obligation, with a corrective action.
    page.get_by_role("navigation", name="Brødsmuler").get_by_role(
        "link", name="Batterikjeden i leasede elbiler"
    ).click()
    page.get_by_role("link", name="Registrer avvik").click()
    page.get_by_label("Tittel").fill("Manglende sporbarhet til smelteverk")
    page.get_by_label("Alvorlighet").select_option("hoy")
    page.get_by_label("Brutt forpliktelse").select_option(index=1)
    page.get_by_role("button", name="Registrer avviket").click()
    expect(page.get_by_text("Avviket er registrert.")).to_be_visible()
    page.get_by_label("Tiltak").fill("Leverandøren kartlegger smelteverkene")
    page.get_by_label("Ansvarlig").fill("Fjordbil Leasing AS")
    page.get_by_label("Frist").fill((today + datetime.timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Legg til tiltaket").click()
    expect(page.get_by_text("Tiltaket er lagt til.")).to_be_visible()

    # 5. All of it on the timeline, in order.
    page.get_by_role("link", name="Tidslinje").click()
    timeline = page.get_by_test_id("timeline")
    expect(timeline).to_contain_text("Brev sendt")
    expect(timeline).to_contain_text(f"Svarfrist {three_weeks}.")
    expect(timeline).to_contain_text("Svar mottatt")
    expect(timeline).to_contain_text("1 vedlegg")
    expect(timeline).to_contain_text("Avvik (høy)")
    titles = timeline.locator("li strong").all_inner_texts()
    assert titles.index("Brev sendt") < titles.index("Svar mottatt") < titles.index("Avvik (høy)")

    assert Attachment.objects.get().original_name == "aktsomhetsvurdering.pdf"
    assert Deviation.objects.get().actions.count() == 1
