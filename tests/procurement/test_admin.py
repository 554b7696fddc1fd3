from django.urls import reverse

from tests.conftest import client_for
from tests.factories import procurement


def test_admin_shows_rule_tables_and_procurements_read_only(org, django_user_model):
    admin = client_for(django_user_model.objects.create_superuser("root@test.example", "root@test.example", "x"))
    p = procurement(organization=org)
    for url in (
        reverse("admin:procurement_threshold_changelist"),
        reverse("admin:procurement_ruleparameter_changelist"),
        reverse("admin:procurement_procurement_changelist"),
        reverse("admin:procurement_procurement_change", args=[p.pk]),
    ):
        assert admin.get(url).status_code == 200, url
    admin.post(reverse("admin:procurement_procurement_change", args=[p.pk]), {"title": "Endret i admin"})
    p.refresh_from_db()
    assert p.title != "Endret i admin"
