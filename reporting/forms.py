from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import VersionedForm
from criteria.models import Category
from procurement import cpv as cpv_codes
from procurement.models import ProcurementKind
from reporting.models import EnteredValue

MAX_YEARS = 12


def default_years() -> tuple[int, int]:
    this_year = timezone.localdate().year
    return this_year - 4, this_year


class ReportFilterForm(forms.Form):
    fra = forms.IntegerField(label=_("Fra år"), min_value=2000, max_value=2100, required=False)
    til = forms.IntegerField(label=_("Til år"), min_value=2000, max_value=2100, required=False)
    kategori = forms.ModelChoiceField(
        label=_("Kategori"),
        queryset=Category.objects.filter(applies_to_all=False),
        required=False,
        empty_label=_("Alle"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    type = forms.ChoiceField(
        label=_("Type anskaffelse"),
        choices=[("", _("Alle"))] + list(ProcurementKind.choices),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    cpv = forms.ChoiceField(
        label=_("CPV-hovedgruppe"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
        help_text=_("Hovedkoden til anskaffelsen, de to første sifrene."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cpv"].choices = [("", _("Alle"))] + cpv_codes.division_choices()

    def clean(self):
        cleaned = super().clean()
        first, last = default_years()
        first = cleaned.get("fra") or first
        last = cleaned.get("til") or last
        if first > last:
            raise forms.ValidationError(_("«Fra år» må være før eller lik «Til år»."))
        if last - first + 1 > MAX_YEARS:
            raise forms.ValidationError(_("Velg høyst %(n)s år om gangen.") % {"n": MAX_YEARS})
        cleaned["years"] = list(range(first, last + 1))
        return cleaned

    def report_kwargs(self) -> dict:
        """Years and filters for build_report; the defaults when the form is not valid."""
        if self.is_valid():
            d = self.cleaned_data
            return {
                "years": d["years"],
                "category_id": d["kategori"].pk if d["kategori"] else None,
                "kind": d["type"] or None,
                "cpv_division": d["cpv"] or None,
            }
        first, last = default_years()
        return {"years": list(range(first, last + 1)), "category_id": None, "kind": None, "cpv_division": None}


class EnteredValueForm(VersionedForm):
    class Meta:
        model = EnteredValue
        fields = ["indicator", "detail", "year", "value", "unit", "source"]

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization

    def clean(self):
        cleaned = super().clean()
        duplicate = EnteredValue.objects.filter(
            organization=self.organization,
            indicator=cleaned.get("indicator"),
            detail=cleaned.get("detail", ""),
            year=cleaned.get("year"),
        ).exclude(pk=self.instance.pk)
        if duplicate.exists():
            raise forms.ValidationError(
                _("Det finnes allerede en verdi for denne indikatoren og dette året. Endre den i stedet.")
            )
        return cleaned
