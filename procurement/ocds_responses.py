"""OCDS packages as HTTP responses: the same for the procurement pages and the API."""

from django.http import JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement import ocds, ocds_data


def document_url(request):
    """The tender PDF's absolute download address, for the OCDS document entry."""

    def url(procurement, document):
        return request.build_absolute_uri(reverse("procurement:document_download", args=[procurement.pk, document.pk]))

    return url


def package_for(request, procurement, *, url_name: str = "procurement:ocds") -> dict | None:
    """The procurement's release package, None while it is a draft; `url_name` is where it is served."""
    releases = ocds_data.release_history(procurement, document_url=document_url(request))
    if not releases:
        return None
    return ocds.package(
        releases,
        uri=request.build_absolute_uri(reverse(url_name, args=[procurement.pk])),
        published=timezone.now(),
        publisher=procurement.organization.name,
    )


def not_published():
    return JsonResponse(
        {"detail": _("Anskaffelsen er ikke publisert ennå, så den har ingen OCDS-utgivelse.")}, status=409
    )


def bulk_response(request, organization, year: int, *, uri: str) -> StreamingHttpResponse:
    """The organisation's year as one package, written release by release."""
    chunks = ocds.stream_package(
        ocds_data.latest_releases(organization, year, document_url=document_url(request)),
        uri=uri,
        published=timezone.now(),
        publisher=organization.name,
    )
    response = StreamingHttpResponse(chunks, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ocds-{organization.orgnr}-{year}.json"'
    return response
