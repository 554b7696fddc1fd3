from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Rapportering")

    def ready(self):
        from core import audit, documents
        from reporting import fact_summary, report_pdf
        from reporting.models import EnteredValue

        audit.track(EnteredValue)
        documents.register_kind(report_pdf.DOCUMENT_KIND)  # the KPI report PDF, made by the worker
        fact_summary.connect()  # the dashboard's summary follows every write to the procurements
