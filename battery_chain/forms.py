from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from battery_chain import services
from battery_chain.models import (
    BatteryPack,
    ChemistryContent,
    CountryRisk,
    MaterialRisk,
    Product,
    ProductionShare,
    RawMaterial,
    SourcingLine,
)
from core.forms import VersionedForm
from suppliers.models import Contract, Supplier

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class ProductListForm(forms.Form):
    q = forms.CharField(label=_("Søk"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("Alle typer")), *Product.Kind.choices])


class ProductForm(VersionedForm):
    class Meta:
        model = Product
        fields = ["name", "kind", "maker", "supplier", "contract", "notes"]
        widgets = {"notes": TEXTAREA}
        help_texts = {
            "name": _("Kjøretøymodellen, for eksempel «Renault Zoe»."),
            "contract": _("Kontrakten kjøretøyet er levert under, hvis den er registrert i organisasjonen."),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["contract"].queryset = Contract.objects.filter(organization=organization).order_by("title")
        self.fields["supplier"].queryset = (
            Supplier.objects.filter(contracts__organization=organization).distinct().order_by("name")
        )

    def clean(self):
        cleaned = super().clean()
        try:
            services.check_product_links(
                organization=self.organization, supplier=cleaned.get("supplier"), contract=cleaned.get("contract")
            )
        except ValidationError as exc:
            self.add_error("supplier", exc)
        return cleaned


class PackForm(VersionedForm):
    class Meta:
        model = BatteryPack
        fields = [
            "maker",
            "capacity_kwh",
            "weight_kg",
            "chemistry",
            "cell_format",
            "cell_maker",
            "passport_id",
            "passport_url",
            "expected_service_years",
            "end_of_first_life_percent",
            "second_life_plan",
            "recycling_route",
            "takeback_partner",
            "circularity_requirements",
        ]
        widgets = {
            "second_life_plan": TEXTAREA,
            "recycling_route": TEXTAREA,
            "circularity_requirements": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "chemistry": _("Styrer hvor mye av hver råvare pakken antas å inneholde (omtrentlige verdier)."),
            "cell_maker": _("Oppgitt celleprodusent gir åpenhetsnivå «celle» for råvarer uten egne opplysninger."),
            "expected_service_years": _("Bussbatterier holder typisk 7–10 år i drift."),
            "end_of_first_life_percent": _("Vanligvis 80 %: da regnes batteriet som brukt opp i kjøretøyet."),
            "second_life_plan": _("For eksempel stasjonær energilagring; kan forlenge total levetid til om lag 20 år."),
            "circularity_requirements": _("Krav i anskaffelsen bak produktets kontrakt som dekker batteriets livsløp."),
        }

    def __init__(self, *args, product, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["circularity_requirements"].queryset = services.circularity_choices(product)
        self.fields["capacity_kwh"].widget.attrs.update({"min": "0.1", "step": "0.1"})

    def clean_capacity_kwh(self):
        value = self.cleaned_data["capacity_kwh"]
        if value is not None and value <= 0:
            raise ValidationError(_("Kapasiteten må være større enn 0 kWh."))
        return value

    def clean_expected_service_years(self):
        value = self.cleaned_data["expected_service_years"]
        if value is not None and not 1 <= value <= 30:
            raise ValidationError(_("Oppgi en levetid mellom 1 og 30 år."))
        return value

    def clean_end_of_first_life_percent(self):
        value = self.cleaned_data["end_of_first_life_percent"]
        if value is not None and not 50 <= value <= 100:
            raise ValidationError(_("Oppgi en kapasitet mellom 50 og 100 %."))
        return value

    def data_dict(self) -> dict:
        data = super().data_dict()
        data.pop("circularity_requirements", None)
        return data


class LineForm(VersionedForm):
    class Meta:
        model = SourcingLine
        fields = [
            "material",
            "refiner",
            "refiner_id",
            "refiner_country",
            "mine",
            "mine_country",
            "share_percent",
            "source",
            "source_date",
        ]
        widgets = {"source_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "share_percent": _(
                "Andel av råvaren i pakken fra denne kilden. Tom: deles likt med andre linjer uten andel."
            ),
            "mine_country": _("Gruveland gir åpenhetsnivå «gruve» for råvaren."),
        }

    def __init__(self, *args, pack, **kwargs):
        super().__init__(*args, **kwargs)
        self.pack = pack

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in ("refiner", "refiner_country", "mine", "mine_country")):
            raise ValidationError(_("Oppgi minst raffineri, gruve eller et land."))
        if cleaned.get("material"):
            try:
                services.check_line(
                    pack=self.pack, material=cleaned["material"], share=cleaned.get("share_percent"), line=self.instance
                )
            except ValidationError as exc:
                self.add_error("share_percent", exc)
        return cleaned


# ---------------------------------------------------------------- reference data


class MaterialForm(VersionedForm):
    class Meta:
        model = RawMaterial
        fields = [
            "name",
            "name_en",
            "symbol",
            "battery_regulation_due_diligence",
            "conflict_mineral",
            "overall_risk",
            "main_risks",
            "main_risks_en",
        ]
        widgets = {"main_risks": TEXTAREA, "main_risks_en": TEXTAREA}


class MaterialRiskForm(VersionedForm):
    class Meta:
        model = MaterialRisk
        fields = ["level", "comment", "comment_en", "source", "year"]
        widgets = {"comment": TEXTAREA, "comment_en": TEXTAREA}


class CountryRiskForm(VersionedForm):
    class Meta:
        model = CountryRisk
        fields = ["country", "score", "basis", "source", "year"]
        widgets = {"basis": TEXTAREA}
        help_texts = {"score": _("0 er lav og 100 svært høy risiko for alvorlig skade.")}


class ProductionShareForm(VersionedForm):
    class Meta:
        model = ProductionShare
        fields = ["material", "country", "year", "share_percent", "source"]
        help_texts = {"year": _("Produksjonsåret tallene gjelder.")}

    def clean(self):
        cleaned = super().clean()
        if all(cleaned.get(name) is not None for name in ("material", "year", "share_percent")):
            try:
                services.check_share(
                    material=cleaned["material"],
                    year=cleaned["year"],
                    share=cleaned["share_percent"],
                    instance=self.instance,
                )
            except ValidationError as exc:
                self.add_error("share_percent", exc)
        return cleaned


class ChemistryContentForm(VersionedForm):
    class Meta:
        model = ChemistryContent
        fields = ["chemistry", "material", "kg_per_kwh", "source", "year"]
        help_texts = {"kg_per_kwh": _("Omtrentlig mengde per kWh battericeller.")}
