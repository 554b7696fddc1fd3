"""The award form: rows added in place, checkboxes for requirements, edits in place (issue 21)."""

import re

import pytest
from django.urls import reverse

from procurement.models import AwardCriterion, Procurement
from tests.factories import procurement, requirement
from tests.procurement.helpers import PRICE_60_ENV_40, award_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(org):
    p = procurement(organization=org)
    requirement(p, title="Nullutslipp", text="Bussene skal ha nullutslipp.")
    return p


def _saved(client, p, rows=PRICE_60_ENV_40):
    p.refresh_from_db()
    client.post(reverse("procurement:award", args=[p.pk]), award_post(p, rows))
    p.refresh_from_db()
    return list(p.award_criteria.order_by("position"))


def _edit_post(p, criteria, **changes):
    """The form as the page sends it after a save: each row carries its criterion's id."""
    data = award_post(p, [{"name": c.name, "weight": c.weight, "is_price": c.is_price} for c in criteria])
    data["kriterier-INITIAL_FORMS"] = len(criteria)
    for i, c in enumerate(criteria):
        data[f"kriterier-{i}-id"] = c.pk
        if c.is_environmental:
            data[f"kriterier-{i}-is_environmental"] = "on"
    data.update(changes)
    return data


def test_add_criterion_button_gives_a_new_row_without_saving(officer_client, draft):
    url = reverse("procurement:award", args=[draft.pk])
    page = officer_client.get(url).content.decode()
    assert "Legg til kriterium" in page and "lagre først" not in page
    data = award_post(draft, PRICE_60_ENV_40)
    data["legg_til"] = "1"
    page = officer_client.post(url, data).content.decode()
    assert 'name="kriterier-2-name"' in page and "Kriterium 3" in page
    assert 'value="Pris"' in page, "what was typed stays"
    assert not draft.award_criteria.exists(), "adding a row saves nothing"


def test_requirements_to_evaluate_are_a_checkbox_list(officer_client, draft):
    page = officer_client.get(reverse("procurement:award", args=[draft.pk])).content.decode()
    tags = re.findall(r"<(input|select)[^>]*name=\"kriterier-0-requirement_ids\"[^>]*>", page)
    assert tags == ["input"]
    assert 'type="checkbox"' in re.search(r"<input[^>]*name=\"kriterier-0-requirement_ids\"[^>]*>", page).group(0)


def test_rank_and_weight_columns_are_marked_for_the_method_switch(officer_client, draft):
    page = officer_client.get(reverse("procurement:award", args=[draft.pk])).content.decode()
    assert "award-rank" in page and "css/award.css" in page


def _activity_rows(p) -> int:
    return AwardCriterion.history.filter(procurement_id=p.pk).count() + Procurement.history.filter(id=p.pk).count()


def test_editing_one_criterion_logs_only_that_change_and_keeps_the_ids(officer_client, draft):
    criteria = _saved(officer_client, draft)
    before = _activity_rows(draft)
    data = _edit_post(draft, criteria, **{"kriterier-0-description": "Totalkostnad over fem år."})
    response = officer_client.post(reverse("procurement:award", args=[draft.pk]), data)
    assert response.status_code == 302
    after = list(draft.award_criteria.order_by("position"))
    assert [c.pk for c in after] == [c.pk for c in criteria]
    assert after[0].description == "Totalkostnad over fem år."
    # The save itself (the procurement's row) and the one criterion that changed; main wrote
    # a delete and a create for every criterion besides.
    assert _activity_rows(draft) == before + 2


def test_saving_an_unchanged_form_is_one_activity_entry(officer_client, draft):
    criteria = _saved(officer_client, draft)
    before, version = _activity_rows(draft), draft.version
    officer_client.post(reverse("procurement:award", args=[draft.pk]), _edit_post(draft, criteria))
    assert _activity_rows(draft) == before + 1
    draft.refresh_from_db()
    assert draft.version == version + 1, "the version still moves for optimistic locking"


def test_a_deleted_row_removes_only_that_criterion(officer_client, draft):
    criteria = _saved(officer_client, draft, [*PRICE_60_ENV_40, {"name": "Kvalitet", "weight": 0}])
    data = _edit_post(draft, criteria, **{"kriterier-2-DELETE": "on"})
    officer_client.post(reverse("procurement:award", args=[draft.pk]), data)
    assert [c.pk for c in draft.award_criteria.order_by("position")] == [c.pk for c in criteria[:2]]


def _templates_for(client, url, data=None) -> list[str]:
    from django.test.signals import template_rendered

    names = []

    def record(sender, template, **kwargs):
        names.append(template.name or "")

    template_rendered.connect(record)
    try:
        response = client.post(url, data) if data else client.get(url)
    finally:
        template_rendered.disconnect(record)
    assert response.status_code == 200
    return names


def test_award_rows_render_without_crispy_templates_per_field(officer_client, draft):
    """crispy's nested templates per field were most of the page's time (issue 22): no more per extra row."""
    url = reverse("procurement:award", args=[draft.pk])
    # "Add criterion" renders the rows as posted plus one, and saves nothing.
    two = {**award_post(draft, PRICE_60_ENV_40), "legg_til": "1"}
    five = {**award_post(draft, [*PRICE_60_ENV_40, *({"name": f"Kvalitet {i}"} for i in range(3))]), "legg_til": "1"}
    crispy = [
        [n for n in _templates_for(officer_client, url, data) if n.startswith("bootstrap5/")] for data in (two, five)
    ]
    assert len(crispy[0]) == len(crispy[1]), "crispy renders only the settings form, once"


def test_award_row_errors_are_labelled_and_described(officer_client, draft):
    data = award_post(draft, PRICE_60_ENV_40)
    data["kriterier-0-weight"] = "abc"
    data["kriterier-1-requirement_ids"] = ["999999"]
    page = officer_client.post(reverse("procurement:award", args=[draft.pk]), data).content.decode()
    weight = re.search(r'<input[^>]*name="kriterier-0-weight"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in weight and 'aria-describedby="id_kriterier-0-weight_error"' in weight
    assert 'class="numberinput form-control is-invalid"' in weight
    assert '<div id="id_kriterier-0-weight_error" class="invalid-feedback">' in page
    assert re.search(r'<label\s+for="id_kriterier-0-weight" class="form-label">\s*Vekt', page)
    assert re.search(r'<label\s+for="id_kriterier-0-name" class="form-label requiredField">\s*Navn<span', page)
    assert '<fieldset aria-describedby="id_kriterier-1-requirement_ids_error">' in page
    assert '<div id="id_kriterier-1-requirement_ids_error" class="invalid-feedback">' in page
    assert re.search(r'<label for="id_kriterier-0-is_price" class="form-check-label">\s*Pris eller kostnad', page)
