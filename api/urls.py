"""/api/v1/: token-authenticated, read-only; outside the login middleware (a token is not a session)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny

from api.views import docs, endpoints

app_name = "api"


def _view(cls, **kwargs):
    return login_not_required(cls.as_view(**kwargs))


urlpatterns = [
    path("procurements/", _view(endpoints.ProcurementList), name="procurements"),
    path("procurements/<int:procurement_id>/", _view(endpoints.ProcurementDetail), name="procurement"),
    path("procurements/<int:procurement_id>/ocds/", _view(endpoints.ProcurementOcds), name="procurement_ocds"),
    path("ocds/<int:year>/", _view(endpoints.OcdsYear), name="ocds_year"),
    path("criteria/", _view(endpoints.CriterionList), name="criteria"),
    path("criteria/<int:criterion_id>/", _view(endpoints.CriterionDetail), name="criterion"),
    path("kpis/<int:year>/", _view(endpoints.KpiYear), name="kpis"),
    path(
        "schema/",
        _view(SpectacularAPIView, permission_classes=[AllowAny], authentication_classes=[]),
        name="schema",
    ),
    path("docs/", docs.docs, name="docs"),
]
