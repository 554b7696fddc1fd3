"""Django admin for library editors (staff): taxonomy, criteria with their revisions and levels.

Published revisions are read-only here too; text changes go through the
product's edit page, which makes a new revision.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from criteria import services
from criteria.models import Category, CategoryGroup, Criterion, CriterionRevision, Theme, Variant


class GroupInline(admin.TabularInline):
    model = CategoryGroup
    extra = 0


@admin.register(Category)
class CategoryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "high_risk", "climate_central", "applies_to_all", "position"]
    list_filter = ["high_risk", "climate_central"]
    search_fields = ["name", "slug"]
    inlines = [GroupInline]


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name", "slug"]


class VariantInline(admin.StackedInline):
    model = Variant
    extra = 0

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.is_published

    has_add_permission = has_delete_permission = has_change_permission


@admin.register(CriterionRevision)
class CriterionRevisionAdmin(SimpleHistoryAdmin):
    list_display = ["criterion", "number", "title", "published_at"]
    list_select_related = ["criterion"]
    search_fields = ["criterion__code", "title"]
    readonly_fields = ["criterion", "number", "published_at", "created_by"]
    inlines = [VariantInline]

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.is_published


class RevisionInline(admin.TabularInline):
    model = CriterionRevision
    extra = 0
    fields = ["number", "title", "published_at", "change_note"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


def _run(modeladmin, request, queryset, service, done):
    count = 0
    for criterion in queryset:
        try:
            service(criterion=criterion, user=request.user)
            count += 1
        except ValidationError as exc:
            modeladmin.message_user(request, f"{criterion.code}: {exc.messages[0]}", messages.WARNING)
    modeladmin.message_user(request, f"{done}: {count}")


@admin.action(description=_("Publiser valgte kriterier"))
def publish(modeladmin, request, queryset):
    _run(modeladmin, request, queryset, services.publish_criterion, _("Publisert"))


@admin.action(description=_("Sett valgte kriterier som utgått"))
def retire(modeladmin, request, queryset):
    _run(modeladmin, request, queryset, services.retire_criterion, _("Satt som utgått"))


@admin.register(Criterion)
class CriterionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "category", "theme", "kind", "status", "organization"]
    list_filter = ["status", "kind", "category", "theme", "environmental", "social", "environmental_management"]
    search_fields = ["code", "title", "search_text"]
    list_select_related = ["category", "theme", "organization"]
    readonly_fields = ["title", "status", "current_revision", "has_basis", "has_avansert"]
    inlines = [RevisionInline]
    actions = [publish, retire]
