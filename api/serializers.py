"""What the API returns. Read-only: every field comes from the apps' models as they are."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from criteria.models import Criterion, Variant
from procurement.models import AwardCriterion, CpvCode, Procurement, Requirement


class CpvSerializer(serializers.ModelSerializer):
    class Meta:
        model = CpvCode
        fields = ["code", "label_nb", "label_en"]


class RequirementSerializer(serializers.ModelSerializer):
    criterion_code = serializers.CharField(source="criterion.code", default=None, allow_null=True)
    revision = serializers.IntegerField(source="source_revision.number", default=None, allow_null=True)

    class Meta:
        model = Requirement
        fields = [
            "id",
            "section",
            "position",
            "title",
            "text",
            "documentation",
            "verification",
            "mandatory",
            "level",
            "environmental",
            "social",
            "human_rights_clause",
            "environmental_management",
            "criterion_code",
            "revision",
        ]


class AwardCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = AwardCriterion
        fields = [
            "id",
            "position",
            "name",
            "weight",
            "rank",
            "description",
            "sub_criteria",
            "scoring",
            "is_environmental",
            "is_price",
        ]


class ProcurementSerializer(serializers.ModelSerializer):
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    main_cpv = CpvSerializer(read_only=True)
    estimated_value = serializers.DecimalField(max_digits=14, decimal_places=0, coerce_to_string=False)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Procurement
        fields = [
            "id",
            "url",
            "reference",
            "title",
            "status",
            "kind",
            "category",
            "estimated_value",
            "procedure",
            "tender_deadline",
            "published_at",
            "main_cpv",
        ]

    @extend_schema_field(serializers.URLField())
    def get_url(self, obj) -> str:
        return reverse("api:procurement", args=[obj.pk], request=self.context.get("request"))


class ProcurementDetailSerializer(ProcurementSerializer):
    additional_cpv = CpvSerializer(many=True, read_only=True)
    requirements = RequirementSerializer(many=True, read_only=True)
    award_criteria = AwardCriterionSerializer(many=True, read_only=True)
    ocds_url = serializers.SerializerMethodField()

    class Meta(ProcurementSerializer.Meta):
        fields = ProcurementSerializer.Meta.fields + [
            "description",
            "buyer_type",
            "contract_months",
            "option_months",
            "document_version",
            "award_method",
            "rule_exception",
            "rule_exception_justification",
            "additional_cpv",
            "requirements",
            "award_criteria",
            "ocds_url",
        ]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_ocds_url(self, obj) -> str | None:
        if obj.published_at is None:
            return None
        return reverse("api:procurement_ocds", args=[obj.pk], request=self.context.get("request"))


class VariantSerializer(serializers.ModelSerializer):
    class Meta:
        model = Variant
        fields = ["level", "text", "documentation", "guidance", "verification", "references", "legal_requirement"]


class CriterionSerializer(serializers.ModelSerializer):
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    theme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    national = serializers.SerializerMethodField()
    revision = serializers.IntegerField(source="current_revision.number")
    published = serializers.DateField(source="current_revision.published_at")
    variants = VariantSerializer(source="current_revision.variants", many=True, read_only=True)

    class Meta:
        model = Criterion
        fields = [
            "id",
            "code",
            "title",
            "category",
            "theme",
            "kind",
            "environmental",
            "social",
            "national",
            "revision",
            "published",
            "variants",
        ]

    def get_national(self, obj) -> bool:
        return obj.organization_id is None


class KpiValueSerializer(serializers.Serializer):
    key = serializers.CharField()
    group = serializers.CharField()
    title = serializers.CharField()
    definition = serializers.CharField()
    unit = serializers.CharField()
    value = serializers.DecimalField(max_digits=12, decimal_places=1, allow_null=True, coerce_to_string=False)
    numerator = serializers.IntegerField()
    denominator = serializers.IntegerField()


class KpiYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    counted = serializers.CharField(help_text="Which procurements the tender indicators count.")
    indicators = KpiValueSerializer(many=True)
