"""Forms of the supplier register, contracts and prioritisation."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.forms import DataForm, VersionedForm
from core.validators import normalize_orgnr, validate_orgnr
from criteria.models import Category
from suppliers.models import (
    Certificate,
    Contract,
    Obligation,
    PriorityAssessment,
    Supplier,
    SupplierContact,
    SupplierProfile,
)
from suppliers.register import priority
from suppliers.register.services import CONTRACT_FIELDS, PROFILE_FIELDS, SUPPLIER_FIELDS, existing_supplier

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SupplierForm(VersionedForm):
    """The shared identity. Editing needs the version; for anyone but the owner every field is read-only."""

    # Wider than the stored nine digits: people type "964 338 531".
    orgnr = forms.CharField(
        label=_("organisasjonsnummer"),
        max_length=20,
        required=False,
        help_text=_("Ni sifre, mellomrom er lov. Utenlandske leverandører: bruk utenlandsk identifikator og land."),
    )

    class Meta:
        model = Supplier
        fields = list(SUPPLIER_FIELDS)
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, editable: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        # Left out (an older form, an import): not yet classified, never "not covered" by accident.
        self.fields["transparency_act"].required = False
        self.editable = editable
        if not editable:
            # Disabled fields keep the stored values whatever is posted; the service refuses anyway.
            for name in SUPPLIER_FIELDS:
                self.fields[name].disabled = True

    def clean_transparency_act(self):
        return self.cleaned_data.get("transparency_act") or Supplier.TransparencyAct.UNKNOWN

    def clean_orgnr(self):
        number = normalize_orgnr(self.cleaned_data["orgnr"])
        if number:
            validate_orgnr(number)
        return number

    def clean(self):
        cleaned = super().clean()
        orgnr, foreign_id = cleaned.get("orgnr"), (cleaned.get("foreign_id") or "").strip()
        country = cleaned.get("country")
        if "orgnr" in self.errors:
            return cleaned
        if not orgnr and str(country) == "NO":
            self.add_error("orgnr", _("Norske leverandører må ha organisasjonsnummer."))
        elif not orgnr and not foreign_id:
            self.add_error("foreign_id", _("Oppgi utenlandsk identifikator, for eksempel registreringsnummer."))
        if self.instance.pk:
            other = existing_supplier(orgnr=orgnr or "", country=str(country or ""), foreign_id=foreign_id)
            if other is not None and other.pk != self.instance.pk:
                self.add_error(None, _("En annen leverandør har allerede dette nummeret: %(name)s.") % {"name": other})
        cleaned["foreign_id"] = foreign_id
        return cleaned

    def _get_validation_exclusions(self):
        # The identifiers' unique constraints are not form errors: a new supplier with a known number
        # reuses the existing one (services.register_supplier), and clean() refuses an edit
        # to another supplier's number with a clear message.
        return super()._get_validation_exclusions() | {"orgnr", "foreign_id", "country"}


class SupplierProfileForm(VersionedForm):
    """The organisation's own view of the supplier; the version is required even before the first save."""

    # 0 for a profile not saved yet (selectors.profile_of, services.save_profile).
    versioned_before_first_save = True

    class Meta:
        model = SupplierProfile
        fields = list(PROFILE_FIELDS)
        widgets = {"notes": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "notes": _("Bare dere ser notatene, merkene og medlemskapene. Andre organisasjoner har sine egne."),
        }


class SupplierSearchForm(forms.Form):
    q = forms.CharField(label=_("Søk"), required=False)

    def text(self) -> str:
        return self.cleaned_data["q"].strip() if self.is_valid() else ""

    def filter(self, qs: QuerySet) -> QuerySet:
        """Name, address or foreign identifier containing the text, or an organisasjonsnummer starting with it."""
        q = self.text()
        if not q:
            return qs
        digits = "".join(q.split())
        return qs.filter(
            Q(name__icontains=q) | Q(orgnr__startswith=digits) | Q(foreign_id__icontains=q) | Q(address__icontains=q)
        )


class ContactForm(VersionedForm):
    """A new contact person, or a change to one (then with the version it was opened with)."""

    class Meta:
        model = SupplierContact
        fields = ["name", "role", "email", "phone"]


class CertificateForm(VersionedForm):
    class Meta:
        model = Certificate
        fields = ["kind", "name", "score", "valid_until"]
        widgets = {"valid_until": DATE}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Certificate.Kind.OTHER and not (cleaned.get("name") or "").strip():
            self.add_error("name", _("Skriv navnet på sertifikatet eller merket."))
        if cleaned.get("score") is not None and cleaned.get("kind") != Certificate.Kind.ECOVADIS:
            self.add_error("score", _("Poeng gjelder bare EcoVadis."))
        return cleaned


def _members(organization):
    return get_user_model().objects.filter(memberships__organization=organization).distinct().order_by("first_name")


class ContractChecks:
    """The field checks every contract form shares (the service checks the same rules again)."""

    def clean_value(self):
        value = self.cleaned_data["value"]
        if value is not None and value < 0:
            raise forms.ValidationError(_("Verdien kan ikke være negativ."))
        return value

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", _("Sluttdatoen må være etter startdatoen."))
        return cleaned


class ContractForm(ContractChecks, VersionedForm):
    suppliers = forms.ModelMultipleChoiceField(
        label=_("Leverandører"),
        queryset=Supplier.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Leverandørene i registeret. Mangler en, registrer den først."),
    )

    class Meta:
        model = Contract
        fields = list(CONTRACT_FIELDS)
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "value": forms.NumberInput(attrs={"step": "1000", "min": "0"}),
        }

    def __init__(self, *args, organization, supplier_queryset, procurement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suppliers"].queryset = supplier_queryset
        self.fields["responsible"].queryset = _members(organization)
        self.fields["responsible"].label_from_instance = lambda u: u.get_full_name() or u.username
        if procurement is not None or (self.instance.pk and self.instance.procurement_id):
            del self.fields["category"]  # the procurement's category
        else:
            self.fields["category"].queryset = Category.objects.filter(applies_to_all=False)
        if self.instance.pk and not self.is_bound:
            self.initial["suppliers"] = list(self.instance.suppliers.all())

    def clean_suppliers(self):
        suppliers = self.cleaned_data["suppliers"]
        if not suppliers:
            raise forms.ValidationError(_("Velg minst én leverandør."))
        return suppliers


NOT_ASSESSED = "ikke_vurdert"


class PortfolioFilterForm(forms.Form):
    q = forms.CharField(label=_("Søk"), required=False)
    priority = forms.ChoiceField(
        label=_("Prioritet"),
        required=False,
        choices=[("", _("Alle")), *Contract.Priority.choices, (NOT_ASSESSED, _("Ikke vurdert"))],
    )
    category = forms.ModelChoiceField(
        label=_("Kategori"), required=False, queryset=Category.objects.none(), empty_label=_("Alle")
    )

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories

    def filter(self, qs: QuerySet) -> QuerySet:
        """Text in title, reference or a supplier's name; a priority (or not assessed yet); a category."""
        if not self.is_valid():
            return qs
        data = self.cleaned_data
        q = data["q"].strip()
        if q:
            qs = qs.filter(
                Q(title__icontains=q) | Q(reference__icontains=q) | Q(suppliers__name__icontains=q)
            ).distinct()
        if data["priority"] == NOT_ASSESSED:
            qs = qs.filter(priority="")
        elif data["priority"]:
            qs = qs.filter(priority=data["priority"])
        if data["category"]:
            qs = qs.filter(category=data["category"])
        return qs


class PriorityForm(VersionedForm):
    """Bergen's factors; one assessment per contract, made on the first save (version 0 until then)."""

    versioned_before_first_save = True

    class Meta:
        model = PriorityAssessment
        fields = [*priority.FACTORS, "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}

    def factor_fields(self):
        return [(self[name], priority.WEIGHTS[name]) for name in priority.FACTORS]


class PlanForm(VersionedForm):
    class Meta:
        model = Contract
        fields = ["planned_followups", "followup_plan"]
        widgets = {"followup_plan": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "followup_plan": _("Hva skal følges opp, hvordan (fabrikkrevisjon, egenerklæring, møte) og når."),
        }

    def clean_planned_followups(self):
        value = self.cleaned_data["planned_followups"]
        if value is not None and value > 50:
            raise forms.ValidationError(_("Oppgi et realistisk antall (høyst 50)."))
        return value


class ObligationForm(DataForm):
    """Create-only (obligation_create): there is no edit of an obligation, so no version."""

    class Meta:
        model = Obligation
        fields = ["number", "title", "text", "human_rights"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class SignedContractForm(ContractChecks, DataForm):
    """The contract signed with the winner of an award decision; the supplier and title come from the award.

    Create-only, so no version: a second, stale submit is refused by check_can_sign (already signed).
    """

    signed_on = forms.DateField(label=_("Signert dato"), widget=DATE)

    class Meta:
        model = Contract
        fields = ["reference", "start_date", "end_date", "option_months", "value", "responsible"]
        widgets = {"start_date": DATE, "end_date": DATE, "value": forms.NumberInput(attrs={"step": "1000", "min": "0"})}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = _members(organization)
        self.fields["responsible"].label_from_instance = lambda u: u.get_full_name() or u.username
