"""Django admin for the battery reference data (staff) and, read-mostly, the organisations' chain maps."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from battery_chain.models import (
    BatteryPack,
    Chemistry,
    ChemistryContent,
    CountryRisk,
    MaterialRisk,
    Product,
    ProductionShare,
    RawMaterial,
    RiskCategory,
    SourcingLine,
)

# ---------------------------------------------------------------- reference data


class MaterialRiskInline(admin.TabularInline):
    model = MaterialRisk
    extra = 0


@admin.register(RawMaterial)
class RawMaterialAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "symbol",
        "overall_risk",
        "battery_regulation_due_diligence",
        "conflict_mineral",
        "position",
    ]
    list_filter = ["overall_risk", "battery_regulation_due_diligence", "conflict_mineral"]
    search_fields = ["name", "slug"]
    inlines = [MaterialRiskInline]


@admin.register(RiskCategory)
class RiskCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]


@admin.register(MaterialRisk)
class MaterialRiskAdmin(SimpleHistoryAdmin):
    list_display = ["material", "category", "level", "source", "year"]
    list_filter = ["level", "material", "category"]


@admin.register(CountryRisk)
class CountryRiskAdmin(SimpleHistoryAdmin):
    list_display = ["country", "score", "source", "year"]
    search_fields = ["country", "basis"]


@admin.register(ProductionShare)
class ProductionShareAdmin(SimpleHistoryAdmin):
    list_display = ["material", "country", "year", "share_percent", "source"]
    list_filter = ["year", "material"]


class ChemistryContentInline(admin.TabularInline):
    model = ChemistryContent
    extra = 0


@admin.register(Chemistry)
class ChemistryAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name"]
    inlines = [ChemistryContentInline]


@admin.register(ChemistryContent)
class ChemistryContentAdmin(SimpleHistoryAdmin):
    list_display = ["chemistry", "material", "kg_per_kwh", "source", "year"]
    list_filter = ["chemistry", "material"]


# ---------------------------------------------------------------- chain maps


class BatteryPackInline(admin.StackedInline):
    model = BatteryPack
    extra = 0
    filter_horizontal = ["circularity_requirements"]


@admin.register(Product)
class ProductAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "maker", "organization"]
    list_filter = ["kind", "organization"]
    search_fields = ["name", "maker"]
    raw_id_fields = ["supplier", "contract"]
    inlines = [BatteryPackInline]


@admin.register(SourcingLine)
class SourcingLineAdmin(SimpleHistoryAdmin):
    list_display = ["pack", "material", "refiner", "refiner_country", "mine", "mine_country", "share_percent", "source"]
    list_filter = ["material", "source"]
    raw_id_fields = ["pack", "report"]
