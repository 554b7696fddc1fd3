from django.urls import reverse

from criteria.models import Criterion
from tests.conftest import client_for


def test_admin_pages_for_the_library_open(first_library, django_user_model):
    admin = django_user_model.objects.create_superuser("root@test.example", "root@test.example", "x")
    client = client_for(admin)
    c = Criterion.objects.get(code="IKT-BATT-01")
    for url in (
        reverse("admin:criteria_criterion_changelist"),
        reverse("admin:criteria_criterion_change", args=[c.pk]),
        reverse("admin:criteria_criterionrevision_change", args=[c.current_revision.pk]),
        reverse("admin:criteria_category_changelist"),
    ):
        assert client.get(url).status_code == 200, url


def test_admin_retire_action_goes_through_the_service(first_library, django_user_model):
    admin = django_user_model.objects.create_superuser("root@test.example", "root@test.example", "x")
    c = Criterion.objects.get(code="IKT-BATT-01")
    client_for(admin).post(
        reverse("admin:criteria_criterion_changelist"), {"action": "retire", "_selected_action": [c.pk]}
    )
    c.refresh_from_db()
    assert c.status == Criterion.Status.RETIRED
