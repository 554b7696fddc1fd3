"""The read-only endpoints. Every query starts from the token's organisation (or the national library)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from api.serializers import (
    CriterionSerializer,
    KpiYearSerializer,
    ProcurementDetailSerializer,
    ProcurementSerializer,
)
from criteria.models import Kind
from criteria.selectors import LibraryFilter, browse
from procurement.models import Procurement
from procurement.ocds_responses import bulk_response, not_published, package_for
from procurement.selectors import filter_procurements, with_tender
from reporting.report import build_report

MIN_YEAR, MAX_YEAR = 2000, 2100


def _organization(request):
    return request.auth.organization


def _year(value: str | None, name: str = "year") -> int | None:
    if value in (None, ""):
        return None
    try:
        year = int(value)
    except ValueError:
        year = 0
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise exceptions.ValidationError({name: _("Oppgi et årstall mellom 2000 og 2100.")})
    return year


def _procurements(request):
    return Procurement.objects.filter(organization=_organization(request))


@extend_schema(
    summary="Procurements of the token's organisation",
    parameters=[
        OpenApiParameter("status", str, enum=[s for s, _l in Procurement.Status.choices]),
        OpenApiParameter("year", int, description="The year of the reference (2026/014 → 2026)."),
        OpenApiParameter("cpv_division", str, description="The first two digits of the main CPV code, e.g. 30."),
        OpenApiParameter("category", str, description="The category's slug, e.g. ikt-utstyr."),
        OpenApiParameter("q", str, description="Words in the title, reference or description."),
    ],
)
class ProcurementList(generics.ListAPIView):
    serializer_class = ProcurementSerializer

    def get_queryset(self):
        params = self.request.query_params
        status = params.get("status", "")
        if status and status not in Procurement.Status.values:
            raise exceptions.ValidationError({"status": _("Ukjent status «%(s)s».") % {"s": status}})
        division = params.get("cpv_division", "")
        if division and not (len(division) == 2 and division.isdigit()):
            raise exceptions.ValidationError({"cpv_division": _("Oppgi hovedgruppen med to sifre, for eksempel 30.")})
        qs = filter_procurements(
            _procurements(self.request),
            status=status,
            year=_year(params.get("year")),
            cpv_division=division,
            category=params.get("category", ""),
            q=params.get("q", "").strip()[:100],
        )
        return qs.select_related("category", "main_cpv").order_by("-year", "-sequence")


@extend_schema(summary="One procurement with its requirements and award criteria")
class ProcurementDetail(generics.RetrieveAPIView):
    serializer_class = ProcurementDetailSerializer
    lookup_url_kwarg = "procurement_id"

    def get_queryset(self):
        return with_tender(_procurements(self.request))


@extend_schema(
    summary="The procurement's OCDS release package",
    description="OCDS 1.1 with the lots, sustainability and award criteria breakdown extensions: one release "
    "for the publication and one per amendment. 409 while the procurement is a draft.",
    responses={200: OpenApiTypes.OBJECT, 409: OpenApiTypes.OBJECT},
)
class ProcurementOcds(APIView):
    def get(self, request, procurement_id):
        procurement = get_object_or_404(
            _procurements(request).select_related("organization", "main_cpv"), pk=procurement_id
        )
        package = package_for(request, procurement, url_name="api:procurement_ocds")
        return Response(package) if package is not None else not_published()


@extend_schema(
    summary="The organisation's OCDS release package for a year",
    description="Each procurement published in the year, with its latest release; streamed.",
    responses={200: OpenApiTypes.OBJECT},
)
class OcdsYear(APIView):
    def get(self, request, year):
        year = _year(str(year))
        return bulk_response(
            request,
            _organization(request),
            year,
            uri=request.build_absolute_uri(reverse("api:ocds_year", args=[year])),
        )


def _criteria(request):
    return (
        browse(_organization(request), LibraryFilter(), include_unpublished=False)
        .filter(current_revision__published_at__isnull=False)
        .select_related("current_revision")
        .prefetch_related("current_revision__variants")
    )


@extend_schema(
    summary="The criteria library: the national criteria and the organisation's own, as last published",
    parameters=[
        OpenApiParameter("category", str, description="The category's slug."),
        OpenApiParameter("kind", str, enum=[k for k, _l in Kind.choices]),
    ],
)
class CriterionList(generics.ListAPIView):
    serializer_class = CriterionSerializer

    def get_queryset(self):
        qs = _criteria(self.request)
        params = self.request.query_params
        if params.get("category"):
            qs = qs.filter(category__slug=params["category"])
        if params.get("kind"):
            qs = qs.filter(kind=params["kind"])
        return qs.order_by("code", "pk")


@extend_schema(summary="One published criterion")
class CriterionDetail(generics.RetrieveAPIView):
    serializer_class = CriterionSerializer
    lookup_url_kwarg = "criterion_id"

    def get_queryset(self):
        return _criteria(self.request)


@extend_schema(summary="The KPIs of one year", responses=KpiYearSerializer)
class KpiYear(APIView):
    def get(self, request, year):
        year = _year(str(year))
        report = build_report(_organization(request), years=[year])
        indicators = [
            {
                "key": row.key,
                "group": group.title,
                "title": row.title,
                "definition": row.definition,
                "unit": row.unit,
                "value": row.results[0].value,
                "numerator": row.results[0].numerator,
                "denominator": row.results[0].denominator,
            }
            for group in report.groups
            for row in group.rows
        ]
        return Response(
            KpiYearSerializer({"year": year, "counted": report.counted_note, "indicators": indicators}).data
        )
