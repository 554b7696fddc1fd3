"""The REST API read with plain HTTP calls: schema, every endpoint, tokens, limits and query counts."""

import json

import pytest
import yaml
from django.test import Client
from django.urls import reverse
from openapi_spec_validator import validate

from api.models import ApiToken, digest
from api.services import revoke_token
from core.roles import Role
from procurement import services as procurement_services
from tests.api.conftest import token_client
from tests.conftest import client_for
from tests.factories import criterion, member, procurement, requirement
from tests.procurement.helpers import full_tender
from tests.url_walk import routes_in


def test_openapi_schema_validates_and_lists_every_endpoint(client):
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200
    spec = yaml.safe_load(response.content)
    validate(spec)
    paths = set(spec["paths"])
    for route in routes_in("api"):
        if route.name in ("api:schema", "api:docs"):
            continue
        template = "/api/v1/" + reverse(route.name, kwargs=dict.fromkeys(route.params, 1)).split("/api/v1/")[1]
        pattern = template.replace("/1/", f"/{{{route.params[0]}}}/") if route.params else template
        assert pattern in paths, f"{route.name}: {pattern} not in {sorted(paths)}"
    assert spec["components"]["securitySchemes"]["organisasjonsnokkel"]["scheme"] == "bearer"


def test_interactive_page_loads_vendored_swagger_ui_under_csp(client):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "vendor/swagger-ui-5.35.0/swagger-ui-bundle.js" in html and "<script>" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_procurement_list_detail_and_filters(api, org, other_org):
    tender = full_tender(org, per_section=1, title="Busser")
    procurement(organization=org, title="Møbler")
    procurement(organization=other_org, title="Annen sin")
    listing = api.get(reverse("api:procurements")).json()
    assert listing["count"] == 2 and {p["title"] for p in listing["results"]} == {"Busser", "Møbler"}
    assert api.get(reverse("api:procurements"), {"q": "buss"}).json()["count"] == 1
    assert api.get(reverse("api:procurements"), {"status": "publisert"}).json()["count"] == 0
    bad = api.get(reverse("api:procurements"), {"status": "ukjent", "year": "1700"})
    assert bad.status_code == 400 and "status" in bad.json()

    detail = api.get(reverse("api:procurement", args=[tender.pk])).json()
    assert detail["estimated_value"] == 120000000
    assert len(detail["requirements"]) == 4
    assert [(a["name"], a["weight"]) for a in detail["award_criteria"]] == [("Pris", 60), ("Klima og miljø", 40)]
    assert detail["ocds_url"] is None  # a draft has no release yet


def test_ocds_endpoints_return_packages(api, org, token):
    user = member(org, Role.BUYER)
    tender = procurement_services.publish(procurement=full_tender(org, per_section=1), user=user)
    package = api.get(reverse("api:procurement_ocds", args=[tender.pk])).json()
    assert package["releases"][0]["tag"] == ["tender"]
    response = api.get(reverse("api:ocds_year", args=[tender.published_at.year]))
    assert response.status_code == 200 and response.streaming
    bulk = json.loads(b"".join(response.streaming_content))
    assert [r["tender"]["id"] for r in bulk["releases"]] == [tender.reference]
    draft = procurement(organization=org)
    assert api.get(reverse("api:procurement_ocds", args=[draft.pk])).status_code == 409


def test_criteria_are_national_and_own_and_published_only(api, org, other_org):
    national = criterion(code="NAT-01", title="Nasjonalt")
    own = criterion(organization=org, code="EGEN-01", title="Eget")
    criterion(organization=org, code="UTKAST-01", title="Utkast", publish=False)
    foreign = criterion(organization=other_org, code="ANNEN-01", title="Andres")
    codes = {c["code"] for c in api.get(reverse("api:criteria")).json()["results"]}
    assert codes == {"NAT-01", "EGEN-01"}
    detail = api.get(reverse("api:criterion", args=[own.pk])).json()
    assert detail["national"] is False and detail["variants"][0]["level"] == "basis"
    assert api.get(reverse("api:criterion", args=[national.pk])).json()["national"] is True
    assert api.get(reverse("api:criterion", args=[foreign.pk])).status_code == 404


def test_kpis_of_a_year(api, org):
    user = member(org, Role.BUYER)
    tender = procurement_services.publish(procurement=full_tender(org, per_section=1), user=user)
    data = api.get(reverse("api:kpis", args=[tender.published_at.year])).json()
    by_key = {i["key"]: i for i in data["indicators"]}
    assert data["year"] == tender.published_at.year
    environment = [i for i in data["indicators"] if i["unit"] == "%" and i["denominator"] == 1]
    assert environment, by_key
    assert api.get(reverse("api:kpis", args=[1500])).status_code == 400


@pytest.mark.parametrize(
    "header", [None, "Bearer ga_ukjent", "Bearer", "Basic dXNlcjpwYXNz"], ids=["none", "unknown", "empty", "basic"]
)
def test_no_or_bad_token_gets_401(header, db):
    client = Client() if header is None else Client(HTTP_AUTHORIZATION=header)
    response = client.get(reverse("api:procurements"))
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_revoked_token_gets_401(org, token):
    row, secret = token
    client = token_client(secret)
    assert client.get(reverse("api:procurements")).status_code == 200
    revoke_token(token=row, user=member(org, Role.ORG_ADMIN))
    response = client.get(reverse("api:procurements"))
    assert response.status_code == 401
    assert "trukket tilbake" in response.json()["detail"]


def test_rate_limit_answers_429(api, settings):
    settings.API_RATE_LIMIT = "3/minute"
    for _ in range(3):
        assert api.get(reverse("api:procurements")).status_code == 200
    response = api.get(reverse("api:procurements"))
    assert response.status_code == 429 and "Retry-After" in response


def test_session_login_is_not_an_api_credential(org, users):
    response = client_for(users[Role.BUYER]).get(reverse("api:procurements"))
    assert response.status_code == 401


def test_list_query_count_does_not_grow_with_rows(api, org, django_assert_max_num_queries):
    def fill(n):
        for _ in range(n):
            p = procurement(organization=org)
            requirement(p)

    fill(2)
    with django_assert_max_num_queries(6):
        assert api.get(reverse("api:procurements")).json()["count"] == 2
    fill(20)
    with django_assert_max_num_queries(6):
        assert api.get(reverse("api:procurements")).json()["count"] == 22


def test_detail_query_count_does_not_grow_with_requirements(api, org, django_assert_max_num_queries):
    small = full_tender(org, per_section=1)
    large = full_tender(org, per_section=15)
    with django_assert_max_num_queries(10):
        assert len(api.get(reverse("api:procurement", args=[small.pk])).json()["requirements"]) == 4
    with django_assert_max_num_queries(10):
        assert len(api.get(reverse("api:procurement", args=[large.pk])).json()["requirements"]) == 60


# ---------------------------------------------------------------- the token page


def test_org_admin_makes_a_token_shown_once_and_stored_hashed(org, users):
    admin = client_for(users[Role.ORG_ADMIN])
    response = admin.post(reverse("api_tokens:list"), {"name": "Statistikk til KS"})
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret.startswith("ga_") and secret in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    row = ApiToken.objects.get(organization=org)
    assert row.key_digest == digest(secret) and secret not in (row.key_digest, row.prefix)
    again = admin.get(reverse("api_tokens:list")).content.decode()
    assert secret not in again and row.prefix in again
    assert token_client(secret).get(reverse("api:procurements")).status_code == 200


def test_token_needs_a_name(org, users):
    response = client_for(users[Role.ORG_ADMIN]).post(reverse("api_tokens:list"), {"name": "  "})
    assert response.status_code == 200 and not ApiToken.objects.exists()
    assert "name" in response.context["form"].errors


def test_revoking_asks_first_then_revokes(org, users, token):
    row, secret = token
    admin = client_for(users[Role.ORG_ADMIN])
    url = reverse("api_tokens:revoke", args=[row.pk])
    page = admin.get(url)
    assert page.status_code == 200 and "Trekk tilbake" in page.content.decode()
    assert admin.post(url).status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None and row.revoked_by == users[Role.ORG_ADMIN]
    assert token_client(secret).get(reverse("api:procurements")).status_code == 401
    assert row.history.count() == 2  # made and revoked, both in the log


@pytest.mark.parametrize("role", [Role.BUYER, Role.READ_ONLY, Role.CONTRACT_FOLLOWER])
def test_only_the_org_admin_manages_tokens(role, users):
    assert client_for(users[role]).get(reverse("api_tokens:list")).status_code == 403


def test_every_api_route_is_walked(db):
    names = {r.name for r in routes_in("api")}
    assert {"api:procurements", "api:procurement", "api:procurement_ocds", "api:ocds_year", "api:criteria"} <= names
