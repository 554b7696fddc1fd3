from django import forms
from django.contrib.auth import get_user_model
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.forms import VersionedForm, version_field
from criteria.models import Category, Kind
from procurement import cpv
from procurement.checklist import QUESTIONS
from procurement.models import AwardCriterion, NeedsAssessment, Procurement, Requirement
from procurement.needs import ASSESSMENTS, need_steps_for
from procurement.services import PROCUREMENT_FIELDS, AwardRow


class ProcurementForm(VersionedForm):
    class Meta:
        model = Procurement
        fields = list(PROCUREMENT_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "tender_deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "question_deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "submission": forms.Textarea(attrs={"rows": 2}),
            "qualification_notes": forms.Textarea(attrs={"rows": 3}),
            "estimated_value": forms.NumberInput(attrs={"step": "1000", "min": "0"}),
        }
        help_texts = {
            "estimated_value": _("Hele kontraktens verdi, med opsjoner, uten merverdiavgift."),
            "category": _("Styrer hvilke krav kriteriebiblioteket foreslår, og om kategorien er på høyrisikolisten."),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(applies_to_all=False)
        self.fields["responsible"].queryset = (
            get_user_model().objects.filter(memberships__organization=organization).distinct().order_by("first_name")
        )
        self.fields["responsible"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["contact_person"].queryset = self.fields["responsible"].queryset
        self.fields["contact_person"].label_from_instance = lambda u: u.get_full_name() or u.username

    def clean(self):
        cleaned = super().clean()
        questions, deadline = cleaned.get("question_deadline"), cleaned.get("tender_deadline")
        if questions and deadline and questions >= deadline:
            self.add_error("question_deadline", _("Fristen for spørsmål må være før tilbudsfristen."))
        return cleaned

    def clean_estimated_value(self):
        value = self.cleaned_data["estimated_value"]
        if value is not None and value < 0:
            raise forms.ValidationError(_("Verdien kan ikke være negativ."))
        return value


class NeedsForm(forms.ModelForm):
    # The assessment's version when the form was opened (0: none saved yet); required, so a
    # stale or hand-made submit cannot overwrite someone else's answers (core/concurrency.py).
    version = version_field()
    need_step = forms.ChoiceField(label=_("Hva løser behovet best?"), required=False)
    need_comment = forms.CharField(
        label=_("Kommentar til behovet"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = NeedsAssessment
        fields = [name for field, _q, _inv in ASSESSMENTS for name in (field, f"{field}_comment")]
        widgets = {f"{field}_comment": forms.Textarea(attrs={"rows": 2}) for field, _q, _inv in ASSESSMENTS}

    def __init__(self, *args, procurement, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("version", self.instance.version if self.instance.pk else 0)
        for field, question, _inverted in ASSESSMENTS:
            self.fields[field].label = question
            self.fields[field].widget = forms.RadioSelect(choices=NeedsAssessment.Rating.choices)
        steps = need_steps_for(procurement.category)
        if steps:
            self.fields["need_step"].choices = [("", _("Ikke vurdert ennå"))] + list(steps)
            self.initial.setdefault("need_step", procurement.need_step)
            self.initial.setdefault("need_comment", procurement.need_comment)
        else:
            del self.fields["need_step"]
            del self.fields["need_comment"]


class RequirementForm(VersionedForm):
    class Meta:
        model = Requirement
        fields = [
            "section",
            "title",
            "text",
            "documentation",
            "guidance",
            "verification",
            "references",
            "mandatory",
            "human_rights_clause",
            "environmental",
            "social",
            "environmental_management",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4 if name == "text" else 2})
            for name in ("text", "documentation", "guidance", "verification", "references")
        }
        help_texts = {"text": _("Erstatt alle [plassholdere] med verdier før publisering.")}


class AddFromLibraryForm(forms.Form):
    criterion = forms.IntegerField(widget=forms.HiddenInput)
    level = forms.ChoiceField(choices=[("basis", "basis"), ("avansert", "avansert")], widget=forms.HiddenInput)


class AwardSettingsForm(forms.Form):
    """Method and the § 7-9 ground: the choices are the routes valid on the procurement's rule date."""

    version = version_field()
    method = forms.ChoiceField(label=_("Metode"), choices=Procurement.AwardMethod.choices, widget=forms.RadioSelect)
    exception = forms.ChoiceField(label=_("Grunnlag etter § 7-9"), required=False, widget=forms.RadioSelect)
    justification = forms.CharField(
        label=_("Begrunnelse"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Skrives ut i konkurransegrunnlaget, slik DFØ anbefaler."),
    )

    def __init__(self, *args, rule_set=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rule_set = rule_set
        self.routes = {r.key: r for r in (rule_set.choices if rule_set else ())}
        self.fields["exception"].choices = [("", _("Tildelingskriteriene alene (vekt eller rangering)"))] + [
            (r.key, f"{r.label} ({r.paragraph})") for r in self.routes.values()
        ]

    def clean(self):
        cleaned = super().clean()
        route = self.routes.get(cleaned.get("exception") or "")
        if route and route.requires_justification and not (cleaned.get("justification") or "").strip():
            if route.kind == "unntak":
                self.add_error("justification", _("Skriv en begrunnelse for unntaket."))
            else:
                self.add_error("justification", _("Skriv en begrunnelse for valget."))
        return cleaned


class AwardCriterionForm(forms.ModelForm):
    requirement_ids = forms.MultipleChoiceField(
        label=_("Evaluerer kravene"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = AwardCriterion
        fields = ["name", "weight", "rank", "is_environmental", "is_price", "description", "sub_criteria", "scoring"]
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in ("description", "sub_criteria", "scoring")}

    def __init__(self, *args, requirement_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requirement_ids"].choices = requirement_choices
        if self.instance.pk and not self.is_bound:
            self.initial["requirement_ids"] = [str(r.pk) for r in self.instance.requirements.all()]

    def to_row(self) -> AwardRow:
        d = self.cleaned_data
        return AwardRow(
            name=d["name"],
            weight=d.get("weight"),
            rank=d.get("rank"),
            description=d.get("description", ""),
            sub_criteria=d.get("sub_criteria", ""),
            scoring=d.get("scoring", ""),
            is_environmental=d.get("is_environmental", False),
            is_price=d.get("is_price", False),
            requirement_ids=tuple(int(x) for x in d.get("requirement_ids", [])),
            id=self.instance.pk,
        )


def award_formset(extra: int):
    """The award criteria formset; rows beyond the saved ones come from the "add criterion" button."""
    return forms.modelformset_factory(AwardCriterion, form=AwardCriterionForm, extra=extra, can_delete=True)


# What a tender without award criteria starts from: the two rows almost every tender has.
# Untouched, they are not saved.
STARTING_ROWS = [
    {"name": _("Pris"), "is_price": True},
    {"name": _("Klima og miljø"), "is_environmental": True},
]


class ChecklistForm(forms.Form):
    # The procurement's checklist_version when the form was opened (core/concurrency.py).
    version = version_field()

    def __init__(self, *args, answers: dict, version: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["version"] = version
        choices = [("", _("Ikke besvart")), ("ja", _("Ja")), ("nei", _("Nei")), ("ikke_relevant", _("Ikke relevant"))]
        for key, question in QUESTIONS:
            existing = answers.get(key)
            self.fields[f"{key}_answer"] = forms.ChoiceField(
                label=question, choices=choices, required=False, initial=existing.answer if existing else ""
            )
            self.fields[f"{key}_comment"] = forms.CharField(
                label=_("Kommentar"),
                required=False,
                initial=existing.comment if existing else "",
                widget=forms.TextInput,
            )

    def rows(self):
        return [(self[f"{key}_answer"], self[f"{key}_comment"]) for key, _q in QUESTIONS]

    def answers(self) -> dict:
        return {key: (self.cleaned_data[f"{key}_answer"], self.cleaned_data[f"{key}_comment"]) for key, _q in QUESTIONS}


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Hva gjelder rettelsen?"), widget=forms.Textarea(attrs={"rows": 3}))


class JustificationForm(forms.Form):
    # The procurement's version when the builder was opened (core/concurrency.py).
    version = version_field()
    justification = forms.CharField(
        label=_("Begrunnelse"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hvorfor trengs ikke menneskerettighetsklausulen i denne anskaffelsen?"),
    )


class ListFilterForm(forms.Form):
    q = forms.CharField(label=_("Søk"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle"))] + list(Procurement.Status.choices)
    )
    mine = forms.BooleanField(label=_("Bare mine"), required=False)
    cpv = forms.ChoiceField(label=_("CPV-hovedgruppe"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cpv"].choices = [("", _("Alle"))] + cpv.division_choices()


SECTION_TITLES = dict(Kind.choices)


class CpvForm(forms.Form):
    """Codes typed or picked with the search (static/js/cpv-picker.js fills the fields)."""

    version = version_field()
    main = forms.CharField(
        label=_("CPV-hovedkode"),
        required=False,
        max_length=12,
        help_text=_("Åtte sifre, for eksempel 30213100. Søk nedenfor hvis du ikke kan koden."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    additional = forms.CharField(
        label=_("CPV-tilleggskoder"),
        required=False,
        max_length=2000,
        help_text=_("Én eller flere koder, skilt med mellomrom, komma eller linjeskift."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_main(self):
        codes = cpv.parse_codes(self.cleaned_data["main"])
        if not codes:
            return None
        if len(codes) > 1:
            raise forms.ValidationError(_("Oppgi bare én hovedkode; resten er tilleggskoder."))
        known, unknown = cpv.existing(codes)
        if unknown:
            raise forms.ValidationError(_("%(code)s finnes ikke i CPV-listen.") % {"code": unknown[0]})
        return known[0]

    def clean_additional(self):
        known, unknown = cpv.existing(cpv.parse_codes(self.cleaned_data["additional"]))
        if unknown:
            raise forms.ValidationError(
                _("Disse kodene finnes ikke i CPV-listen: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return known


class PlaceholderForm(forms.Form):
    """One field per [placeholder] in the requirement's texts, filled with the library's suggested value."""

    version = version_field()

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = slots
        for i, slot in enumerate(slots):
            self.fields[f"slot_{i}"] = forms.CharField(
                label=f"[{slot.name}]",
                required=False,
                max_length=200,
                initial=slot.suggestion,
                # Crispy prints help texts unescaped; the requirement text is user input.
                help_text=format_html("{}<strong>[{}]</strong>{}", slot.before, slot.name, slot.after),
            )

    def values(self) -> list[str]:
        return [self.cleaned_data.get(f"slot_{i}", "") for i in range(len(self.slots))]
