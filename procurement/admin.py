"""Django admin: the rule tables (thresholds, § 7-9 parameters) and a read-only look at procurements.

New law gives new rows with a later valid_from; old rows stay, so procurements
keep the rules of their own date. Procurements change only through the product,
where the services keep the log and the publish gate.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from procurement.models import (
    EnvironmentRoute,
    Procurement,
    ProcurementEvent,
    RuleParameter,
    StandstillRule,
    Threshold,
)


@admin.register(Threshold)
class ThresholdAdmin(SimpleHistoryAdmin):
    list_display = ["key", "buyer_type", "kind", "amount", "valid_from", "valid_to"]
    list_filter = ["key", "buyer_type", "kind"]


@admin.register(RuleParameter)
class RuleParameterAdmin(SimpleHistoryAdmin):
    list_display = ["key", "value", "valid_from", "valid_to"]
    list_filter = ["key"]


@admin.register(StandstillRule)
class StandstillRuleAdmin(SimpleHistoryAdmin):
    list_display = ["regime", "days", "valid_from", "valid_to", "source"]
    list_filter = ["regime"]


@admin.register(EnvironmentRoute)
class EnvironmentRouteAdmin(SimpleHistoryAdmin):
    list_display = ["paragraph", "label", "kind", "obligation", "eforms_code", "valid_from", "valid_to"]
    list_filter = ["kind", "valid_from"]
    search_fields = ["label", "eforms_code", "key"]


class EventInline(admin.TabularInline):
    model = ProcurementEvent
    extra = 0
    can_delete = False
    readonly_fields = [
        "kind",
        "from_status",
        "to_status",
        "amendment_number",
        "document_version",
        "note",
        "user",
        "created_at",
    ]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Procurement)
class ProcurementAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "organization", "status", "estimated_value", "published_at"]
    list_filter = ["status", "kind", "organization"]
    search_fields = ["reference", "title"]
    list_select_related = ["organization"]
    inlines = [EventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
