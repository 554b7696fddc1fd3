"""Forms of the evaluation. Field-level checks here; rules that span rows are in services (the same messages)."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import VersionedForm, version_field
from core.validators import normalize_orgnr
from procurement.evaluation.models import PRICE_METHODS, Bid, ScoringMethod

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MET_CHOICES = [("", _("Ikke vurdert")), ("ja", _("Oppfylt")), ("nei", _("Ikke oppfylt"))]
PROMISE_ROWS_EXTRA = 2


def parse_fuel_classes(text: str) -> list[tuple[str, Decimal]]:
    """One class per line, 'name; points'. Errors name the line so nothing the officer wrote is lost."""
    rows, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, sep, points = line.rpartition(";")
        try:
            value = Decimal(points.strip().replace(",", "."))
        except InvalidOperation:
            value = None
        if not sep or not name.strip() or value is None or value < 0:
            errors.append(_("Linje %(n)s: skriv «klasse; poeng», for eksempel «Nullutslipp; 10».") % {"n": number})
        else:
            rows.append((name.strip()[:120], value))
    if errors:
        raise ValidationError(errors)
    return rows


class ScoringModelForm(forms.Form):
    # The criterion's scoring model version when the page was opened (0: none saved yet).
    version = version_field()
    method = forms.ChoiceField(label=_("Poengmodell"))
    max_points = forms.DecimalField(label=_("Høyeste poengsum"), min_value=1, max_value=100, decimal_places=2)
    linear_zero_percent = forms.DecimalField(
        label=_("Nullpunkt (prosent over laveste pris)"),
        required=False,
        min_value=Decimal("0.01"),
        decimal_places=2,
        help_text=_("Bare for lineær modell. 100 betyr at dobbel laveste pris gir 0 poeng."),
    )
    scale_description = forms.CharField(
        label=_("Beskrivelse av poengskalaen"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    fuel_classes = forms.CharField(
        label=_("Kjøretøyklasser og poeng"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Én klasse per linje: «klasse; poeng». Poengene vektes med klassens andel av flåten."),
    )

    def __init__(self, *args, criterion, **kwargs):
        self.criterion = criterion
        super().__init__(*args, **kwargs)
        methods = [(m.value, m.label) for m in ScoringMethod if (m in PRICE_METHODS) == criterion.is_price]
        self.fields["method"].choices = methods

    def clean_fuel_classes(self):
        return parse_fuel_classes(self.cleaned_data["fuel_classes"])


class BidForm(VersionedForm):
    from_register = forms.ChoiceField(
        label=_("Leverandør fra registeret"),
        required=False,
        help_text=_("Velg en leverandør dere har i registeret, eller skriv navn og organisasjonsnummer under."),
    )

    class Meta:
        model = Bid
        fields = ["tenderer_name", "orgnr", "received_on", "price", "mandatory_met", "rejection_reason"]
        widgets = {"received_on": DATE, "rejection_reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, known_tenderers=(), qualification_requirements=(), fuel_classes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.known = dict(known_tenderers)  # orgnr -> name
        self.fields["from_register"].choices = [("", _("Ny leverandør"))] + [
            (orgnr, f"{name} ({orgnr})") for orgnr, name in known_tenderers
        ]
        if not self.known:
            del self.fields["from_register"]
        self.fields["tenderer_name"].required = False
        self.fields["orgnr"].required = False
        if not self.instance.pk:
            self.initial.setdefault("received_on", timezone.localdate())
        existing = {q.requirement_id: q for q in self.instance.qualifications.all()} if self.instance.pk else {}
        self.qualification_fields = []
        for r in qualification_requirements:
            q = existing.get(r.pk)
            met, reason = f"q_{r.pk}", f"qr_{r.pk}"
            self.fields[met] = forms.ChoiceField(
                label=r.title,
                choices=MET_CHOICES,
                required=False,
                initial="" if q is None else ("ja" if q.met else "nei"),
            )
            self.fields[reason] = forms.CharField(
                label=_("Begrunnelse for «%(title)s»") % {"title": r.title},
                required=False,
                initial=q.reason if q else "",
                widget=forms.Textarea(attrs={"rows": 1}),
            )
            self.qualification_fields.append((r, self[met], self[reason]))
        shares = {s.fuel_class_id: s.share for s in self.instance.fleet_shares.all()} if self.instance.pk else {}
        self.fleet_fields = []
        for fc in fuel_classes:
            name = f"f_{fc.pk}"
            self.fields[name] = forms.DecimalField(
                label=_("Andel %(class)s (%%)") % {"class": fc.name},
                required=False,
                min_value=0,
                max_value=100,
                decimal_places=2,
                initial=shares.get(fc.pk),
            )
            self.fleet_fields.append((fc, self[name]))
        promises = list(self.instance.promises.all()) if self.instance.pk else []
        self.promise_rows = []
        for i in range(len(promises) + PROMISE_ROWS_EXTRA):
            p = promises[i] if i < len(promises) else None
            self.fields[f"pt_{i}"] = forms.CharField(
                label=_("Lovet klimaverdi"), required=False, max_length=200, initial=p.title if p else ""
            )
            self.fields[f"pv_{i}"] = forms.DecimalField(
                label=_("Mål"), required=False, max_digits=14, decimal_places=3, initial=p.target if p else None
            )
            self.fields[f"pu_{i}"] = forms.CharField(
                label=_("Enhet"), required=False, max_length=40, initial=p.unit if p else ""
            )
            self.promise_rows.append((self[f"pt_{i}"], self[f"pv_{i}"], self[f"pu_{i}"]))
        for name, field in self.fields.items():
            if name not in {"mandatory_met", "version"}:
                field.widget.attrs.setdefault(
                    "class", "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
                )

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("from_register")
        if chosen:
            cleaned["tenderer_name"], cleaned["orgnr"] = self.known[chosen], chosen
            self.errors.pop("orgnr", None)
        else:
            if not cleaned.get("tenderer_name", "").strip() and "tenderer_name" not in self.errors:
                self.add_error("tenderer_name", _("Skriv leverandørens navn."))
            if not cleaned.get("orgnr") and "orgnr" not in self.errors:
                self.add_error("orgnr", _("Skriv organisasjonsnummeret (ni sifre)."))
        if cleaned.get("orgnr"):
            cleaned["orgnr"] = normalize_orgnr(cleaned["orgnr"])
        for i in range(len(self.promise_rows)):
            title, target, unit = cleaned.get(f"pt_{i}", ""), cleaned.get(f"pv_{i}"), cleaned.get(f"pu_{i}", "")
            if (title or unit or target is not None) and not (title and unit and target is not None):
                self.add_error(f"pt_{i}", _("En lovet verdi trenger navn, mål og enhet."))
        return cleaned

    def _post_clean(self):
        # The orgnr may come from the register choice: validate the instance after clean() set it.
        if self.cleaned_data.get("orgnr"):
            self.instance.orgnr = self.cleaned_data["orgnr"]
        super()._post_clean()

    def bid_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def qualifications(self) -> dict:
        out = {}
        for r, met, reason in self.qualification_fields:
            value = self.cleaned_data.get(met.name)
            out[r] = ({"ja": True, "nei": False}.get(value), self.cleaned_data.get(reason.name, ""))
        return out

    def fleet(self) -> dict:
        return {fc: self.cleaned_data.get(field.name) for fc, field in self.fleet_fields}

    def promises(self) -> list:
        rows = []
        for i in range(len(self.promise_rows)):
            title = self.cleaned_data.get(f"pt_{i}", "").strip()
            if title:
                rows.append((title, self.cleaned_data[f"pv_{i}"], self.cleaned_data[f"pu_{i}"].strip()))
        return rows


class OwnScoresForm(forms.Form):
    """One evaluator's points for one bid, per judged criterion."""

    # The version of this evaluator's scores for the bid when the form was opened
    # (selectors.own_scores_version; 0: none yet).
    version = version_field()

    def __init__(self, *args, criteria, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for c in criteria:
            s = existing.get(c.pk)
            p, e, m = f"p_{c.pk}", f"e_{c.pk}", f"m_{c.pk}"
            self.fields[p] = forms.DecimalField(
                label=_("Poeng (0–%(max)s)") % {"max": f"{c.model.max_points.normalize():f}"},
                required=False,
                min_value=0,
                max_value=c.model.max_points,
                decimal_places=2,
                initial=s.points if s else None,
                widget=forms.NumberInput(attrs={"class": "form-control", "step": "0.5"}),
            )
            self.fields[e] = forms.CharField(
                label=_("Hva i tilbudet poengene bygger på"),
                required=False,
                initial=s.evidence if s else "",
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            )
            self.fields[m] = forms.CharField(
                label=_("Kommentar"),
                required=False,
                initial=s.comment if s else "",
                widget=forms.Textarea(attrs={"rows": 1, "class": "form-control"}),
            )
            self.rows.append((c, self[p], self[e], self[m]))


class ConsensusForm(forms.Form):
    # The procurement's evaluation_version when the form was opened.
    version = version_field()

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for row in rows:
            key = f"{row.bid.pk}_{row.criterion.pk}"
            self.fields[f"p_{key}"] = forms.DecimalField(
                label=_("Omforent poengsum for %(bid)s") % {"bid": row.bid.tenderer_name},
                required=False,
                min_value=0,
                max_value=row.criterion.model.max_points,
                decimal_places=2,
                initial=row.agreed.points if row.agreed else None,
                widget=forms.NumberInput(attrs={"class": "form-control", "step": "0.5"}),
            )
            self.fields[f"n_{key}"] = forms.CharField(
                label=_("Begrunnelse for %(bid)s") % {"bid": row.bid.tenderer_name},
                required=False,
                initial=row.agreed.note if row.agreed else "",
                widget=forms.Textarea(attrs={"rows": 1, "class": "form-control"}),
            )
            self.rows.append((row, self[f"p_{key}"], self[f"n_{key}"]))


class AwardDecisionForm(forms.Form):
    # The evaluation_version of the ranking shown: the decision is refused if the ranking changed since.
    version = version_field()
    winner = forms.ModelChoiceField(label=_("Valgt leverandør"), queryset=Bid.objects.none(), empty_label=None)
    decided_on = forms.DateField(label=_("Dato for tildelingsbeslutningen"), widget=DATE)
    reasons = forms.CharField(
        label=_("Begrunnelse for valget"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hvordan tilbudene er vurdert mot tildelingskriteriene."),
    )
    advantages = forms.CharField(
        label=_("Det valgte tilbudets egenskaper og relative fordeler"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hva som gjorde det valgte tilbudet bedre enn de andre; står i brevet til alle leverandørene."),
    )

    def __init__(self, *args, admitted, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["winner"].queryset = Bid.objects.filter(pk__in=[b.pk for b in admitted])
        self.fields["winner"].label_from_instance = lambda b: b.tenderer_name
        for name, field in self.fields.items():
            if name != "version":
                field.widget.attrs.setdefault("class", "form-select" if name == "winner" else "form-control")
