from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BatteryChainConfig(AppConfig):
    name = "battery_chain"
    verbose_name = _("Batterikjeder")

    def ready(self):
        from battery_chain import report_pdf
        from battery_chain.models import BatteryPack, MineralsReport, Product, SourcingLine
        from core import audit, documents, home_panels

        # Chain maps (products, packs, sourcing lines).
        audit.track(Product)
        audit.track(BatteryPack, "product__organization")
        # Sourcing lines also come from minerals-report imports.
        audit.track(SourcingLine, "pack__product__organization")
        audit.track(MineralsReport)
        documents.register_kind(report_pdf.DOCUMENT_KIND)  # the product risk report, made by the worker
        home_panels.register_tile(
            home_panels.HomeTile(
                _("Batterikjeder"),
                _("Se hvor råvarene i batteriene kommer fra, og hvor stor risikoen er."),
                "battery_chain:start",
                _("Gå til batterikjeder"),
                position=50,
                primary=False,
            )
        )

        # Workbooks suppliers upload on the answer page pass the import's own checks, and the
        # follower previews and accepts them here (suppliers cannot import battery_chain).
        from battery_chain.minerals.from_answers import check_workbook
        from suppliers.follow_up.answer_page import workbooks

        workbooks.register(checker=check_workbook, review_url_name="battery_chain:minerals_from_answer")
