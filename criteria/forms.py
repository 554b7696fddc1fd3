from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import VersionedForm
from criteria.models import VARIANT_TEXT_FIELDS, CategoryGroup, Criterion, Kind, Level, Variant
from criteria.selectors import LibraryFilter
from criteria.services import CriterionData, VariantData

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label=_("Søk"), required=False, max_length=200)
    category = forms.TypedChoiceField(label=_("Kategori"), coerce=int, empty_value=None, required=False)
    group = forms.TypedChoiceField(label=_("Produktgruppe"), coerce=int, empty_value=None, required=False)
    theme = forms.TypedChoiceField(label=_("Tema"), coerce=int, empty_value=None, required=False)
    kind = forms.ChoiceField(label=_("Type krav"), required=False)
    level = forms.ChoiceField(label=_("Nivå"), required=False)
    high_risk = forms.BooleanField(label=_("Høyrisiko (DFØ)"), required=False)
    environmental = forms.BooleanField(label=_("Miljø"), required=False)
    social = forms.BooleanField(label=_("Sosialt ansvar"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    local_only = forms.BooleanField(label=_("Bare våre lokale"), required=False)

    def __init__(self, *args, categories, groups, themes, editor: bool, **kwargs):
        super().__init__(*args, **kwargs)
        # Lists loaded once by the view and reused here: no extra queries per render.
        self.fields["category"].choices = [("", _("Alle kategorier"))] + [(c.pk, str(c)) for c in categories]
        self.fields["group"].choices = [("", _("Alle grupper"))] + [(g.pk, f"{g.category}: {g}") for g in groups]
        self.fields["theme"].choices = [("", _("Alle temaer"))] + [(t.pk, str(t)) for t in themes]
        self.fields["kind"].choices = [("", _("Alle typer"))] + list(Kind.choices)
        self.fields["level"].choices = [("", _("Alle nivåer"))] + list(Level.choices)
        self.fields["status"].choices = [("", _("Gjeldende"))] + list(Criterion.Status.choices)
        if not editor:
            del self.fields["status"]
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "form-select"
        self._by_id = {
            "category": {c.pk: c for c in categories},
            "group": {g.pk: g for g in groups},
            "theme": {t.pk: t for t in themes},
        }

    def clean(self):
        cleaned = super().clean()
        for name in ("category", "group", "theme"):
            cleaned[name] = self._by_id[name].get(cleaned.get(name))
        return cleaned

    def to_filter(self) -> LibraryFilter:
        if not self.is_valid():
            return LibraryFilter()
        data = self.cleaned_data
        return LibraryFilter(
            q=data.get("q", ""),
            category=data.get("category"),
            group=data.get("group"),
            theme=data.get("theme"),
            kind=data.get("kind", ""),
            level=data.get("level", ""),
            high_risk=data.get("high_risk", False),
            environmental=data.get("environmental", False),
            social=data.get("social", False),
            status=data.get("status", ""),
            local_only=data.get("local_only", False),
        )


class CriterionForm(VersionedForm):
    """The criterion with its current revision's title; its version covers the variant forms on the same page."""

    class Meta:
        model = Criterion
        fields = list(CriterionData.META_FIELDS)
        widgets = {"purpose": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"code": _("Stabil kode som ikke endres, for eksempel IKT-BATT-01.")}

    change_note = forms.CharField(
        label=_("Endringsnotat"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Hva er endret, og hvorfor? Vises i revisjonshistorikken."),
    )

    def __init__(self, *args, organization=None, needs_change_note=False, proposal=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.needs_change_note = needs_change_note or proposal
        self.fields["group"].queryset = CategoryGroup.objects.select_related("category")
        self.fields["group"].label_from_instance = lambda g: f"{g.category}: {g}"
        if self.instance.pk:
            self.fields["code"].disabled = True
        if proposal:
            # A proposal changes the wording; the classification stays with the library's editors.
            for name in ("category", "group", "theme", "kind", "purpose", "environmental", "social"):
                self.fields[name].disabled = True
            self.fields["change_note"].label = _("Begrunnelse for forslaget")
            self.fields["change_note"].help_text = _(
                "Hva vil du endre, og hvorfor? Redaktørene som avgjør forslaget, ser begrunnelsen."
            )
        if not self.needs_change_note:
            del self.fields["change_note"]

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        if not self.instance.pk:
            clash = Criterion.objects.filter(code=code)
            clash = (
                clash.filter(organization=self.organization)
                if self.organization
                else clash.filter(organization__isnull=True)
            )
            if clash.exists():
                raise forms.ValidationError(_("Koden %(code)s er allerede i bruk.") % {"code": code})
        return code

    def clean(self):
        cleaned = super().clean()
        group, category = cleaned.get("group"), cleaned.get("category")
        if group and category and group.category_id != category.pk:
            self.add_error("group", _("Produktgruppen hører ikke til den valgte kategorien."))
        if self.needs_change_note and not (cleaned.get("change_note") or "").strip():
            self.add_error("change_note", _("Skriv et endringsnotat: hva er endret, og hvorfor?"))
        return cleaned


class VariantForm(forms.ModelForm):
    """One ambition level; left out when 'include' is unticked."""

    include = forms.BooleanField(label=_("Ta med dette nivået"), required=False)

    class Meta:
        model = Variant
        fields = ["include", *VARIANT_TEXT_FIELDS, "legal_requirement"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in VARIANT_TEXT_FIELDS}

    def __init__(self, *args, level: str, **kwargs):
        super().__init__(*args, prefix=level, **kwargs)
        self.level = level
        for name in ("text", "documentation"):
            self.fields[name].required = False  # required only when the level is included (clean)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("include"):
            if not (cleaned.get("text") or "").strip():
                self.add_error("text", _("Skriv kravteksten for dette nivået."))
            if not (cleaned.get("documentation") or "").strip():
                self.add_error("documentation", _("Skriv hva leverandøren skal dokumentere."))
        return cleaned

    def to_data(self) -> VariantData | None:
        if not self.cleaned_data.get("include"):
            return None
        return VariantData(
            level=self.level, **{k: self.cleaned_data[k] for k in (*VARIANT_TEXT_FIELDS, "legal_requirement")}
        )


def variant_forms(data=None, revision=None) -> list[VariantForm]:
    existing = {v.level: v for v in revision.variants.all()} if revision else {}
    forms_ = []
    for level in Level.values:
        instance = existing.get(level)
        initial = {"include": instance is not None or (revision is None and level == Level.BASIC)}
        forms_.append(VariantForm(data, level=level, instance=instance or Variant(level=level), initial=initial))
    return forms_


def variant_conflict_rows(variants: list[VariantForm], current_variants) -> list[tuple[str, str, str]]:
    """(label, saved by someone else, yours) for each level text that differs from the current revision's."""
    saved = {v.level: v for v in current_variants}
    rows = []
    for form in variants:
        theirs, yours = saved.get(form.level), form.to_data()
        level = Level(form.level).label
        if (theirs is None) != (yours is None):
            rows.append((f"{level}: {form.fields['include'].label}", _yes(theirs), _yes(yours)))
        if theirs is None or yours is None:
            continue
        for name in (*VARIANT_TEXT_FIELDS, "legal_requirement"):
            a, b = getattr(theirs, name), getattr(yours, name)
            if a != b:
                rows.append((f"{level}: {form.fields[name].label}", _shown(a), _shown(b)))
    return rows


def _yes(variant) -> str:
    return str(_("Ja") if variant is not None else _("Nei"))


def _shown(value) -> str:
    if isinstance(value, bool):
        return "✓" if value else "–"
    return value or "–"


def criterion_data(form: CriterionForm, variants: list[VariantForm]) -> CriterionData:
    meta = {name: form.cleaned_data[name] for name in CriterionData.META_FIELDS if name in form.cleaned_data}
    if "code" not in meta or form.fields["code"].disabled:
        meta["code"] = form.instance.code
    return CriterionData(**meta, variants=[d for d in (v.to_data() for v in variants) if d])


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fil"),
        help_text=_(
            "En JSON-eksport av biblioteket eller en CSV-fil med samme kolonner som CSV-eksporten. Maks 10 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".json", ".csv")):
            raise forms.ValidationError(_("Bare .json- og .csv-filer kan importeres."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Filen er større enn 10 MB."))
        return upload


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrunnelse"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("Forslagsstilleren får begrunnelsen på e-post og ser den på forslaget."),
    )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class ImportDecisionForm(DecisionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = _("Den som lastet opp filen, ser begrunnelsen på importen.")
