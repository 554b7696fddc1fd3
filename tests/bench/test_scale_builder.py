"""bench/scale.py's data builder at a tiny size: the benchmark is not a test, but its data set must build."""

import pytest
from django.conf import settings
from django.test import Client

from bench import scale

pytestmark = pytest.mark.django_db


def test_the_scale_data_set_builds_and_every_measured_page_answers():
    from procurement.models import AwardCriterion, Procurement, Requirement

    size = scale.sizes(0.002)
    ids = scale.build(size)
    assert Procurement.objects.count() == size["procurements"] // 8 * 8
    assert Requirement.objects.count() == 8 * Procurement.objects.count()
    assert AwardCriterion.objects.count() >= 2 * Procurement.objects.count()
    assert Procurement.history.count() >= Procurement.objects.count()  # one bulk history row each, at least
    client = Client()
    ids["session"] = scale.login_session()
    client.cookies[settings.SESSION_COOKIE_NAME] = ids["session"]
    for label, url in scale.pages(ids):
        if url.startswith("/bench/"):
            continue  # the two reference views live in bench/scale_urls.py, not in the app's URLs
        assert client.get(url).status_code == 200, label
