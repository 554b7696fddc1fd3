"""Forms for follow-up cases, letters, answers, deviations and escalation.

The forms that change a stored row carry its version (core/concurrency.py): the draft letter,
a corrective action's status and the letter templates. The others only create rows (a case, a
deviation, an action, an escalation step, an answer) and need none.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import VersionedForm, version_field
from core.models import Organization
from suppliers.follow_up import letters
from suppliers.follow_up.access import templates_visible_to
from suppliers.follow_up.uploads import check_upload
from suppliers.models import (
    Case,
    CaseShare,
    Contract,
    CorrectiveAction,
    Deviation,
    DueDiligenceRequest,
    EscalationStep,
    LetterTemplate,
    Response,
    Supplier,
    SupplierContact,
)


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class QuestionsField(forms.CharField):
    """A list of questions edited as one question per line."""

    widget = forms.Textarea(attrs={"rows": 5})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        # CharField's NUL check runs on the cleaned value, which is a list here and so never
        # matched; PostgreSQL refuses NUL in JSON text, so refuse it before that.
        if "\x00" in text:
            raise forms.ValidationError(
                _("Teksten inneholder et ugyldig tegn (NUL)."), code="null_characters_not_allowed"
            )
        return [line.strip() for line in text.splitlines() if line.strip()]


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Søk"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Alle")), *Case.Status.choices])

    def filter(self, qs: QuerySet) -> QuerySet:
        """Text in the title, the supplier's or the contract's name, or the supplier's exact number; a status."""
        if not self.is_valid():
            return qs
        q = self.cleaned_data["q"].strip()
        if q:
            qs = qs.filter(
                Q(title__icontains=q)
                | Q(supplier__name__icontains=q)
                | Q(supplier__orgnr=q)
                | Q(contract__title__icontains=q)
            )
        if self.cleaned_data["status"]:
            qs = qs.filter(status=self.cleaned_data["status"])
        return qs


def _is_id(value) -> bool:
    return bool(value) and str(value).isdigit()


class CaseForm(forms.Form):
    supplier = forms.ModelChoiceField(label=_("Leverandør"), queryset=Supplier.objects.none())
    contract = forms.ModelChoiceField(
        label=_("Kontrakt"),
        queryset=Contract.objects.none(),
        required=False,
        help_text=_("Valgfritt. Kontrakten gir saken forpliktelser å knytte avvik til."),
    )
    title = forms.CharField(label=_("Tittel"), max_length=200)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        # Suppliers the organisation already deals with: on its contracts, its contacts or its cases.
        self.fields["supplier"].queryset = Supplier.objects.filter(
            Q(contracts__organization=organization)
            | Q(contacts__organization=organization)
            | Q(cases__organization=organization)
        ).distinct()
        self.fields["contract"].queryset = Contract.objects.filter(organization=organization)

    def prefill(self, *, contract_id, supplier_id) -> None:
        """Initial values from ids in the link; an id outside the organisation's choices is ignored."""
        contract = self.fields["contract"].queryset.filter(pk=contract_id).first() if _is_id(contract_id) else None
        supplier = self.fields["supplier"].queryset.filter(pk=supplier_id).first() if _is_id(supplier_id) else None
        if contract is not None:
            self.initial["contract"] = contract.pk
            self.initial["title"] = _("Oppfølging av %(contract)s") % {"contract": contract.title}
        if supplier is not None:
            self.initial["supplier"] = supplier.pk

    def clean(self):
        data = super().clean()
        contract, supplier = data.get("contract"), data.get("supplier")
        if contract and supplier and not contract.suppliers.filter(pk=supplier.pk).exists():
            self.add_error("contract", _("Leverandøren er ikke part i denne kontrakten."))
        return data


class ShareForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Organisasjon"), queryset=Organization.objects.none())
    access = forms.ChoiceField(label=_("Tilgang"), choices=CaseShare.Access.choices, initial=CaseShare.Access.READ)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.exclude(pk=case.organization_id).order_by("name")


def _label_template(template: LetterTemplate, organization=None) -> str:
    if template.organization_id is None:
        scope = _("nasjonal")
    elif organization is not None and template.organization_id != organization.pk:
        scope = _("delt av %(org)s") % {"org": template.organization.name}
    else:
        scope = _("egen")
    return f"{template.get_request_type_display()}: {template.name} ({scope})"


class RequestCreateForm(forms.Form):
    template = forms.ModelChoiceField(label=_("Brevmal"), queryset=LetterTemplate.objects.none())
    contact = forms.ModelChoiceField(
        label=_("Mottaker hos leverandøren"), queryset=SupplierContact.objects.none(), required=False
    )
    remind_supplier = forms.BooleanField(label=_("Send påminnelser også til leverandøren"), required=False)
    co_signers = forms.ModelMultipleChoiceField(
        label=_("Medavsendere"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Organisasjoner saken er delt med kan stå som avsendere av brevet sammen med dere."),
    )
    deadline = forms.DateField(
        label=_("Svarfrist"),
        required=False,
        widget=date_input(),
        help_text=_("Tom: tre uker for informasjonskrav etter åpenhetsloven § 6, ellers fire måneder."),
    )

    def __init__(self, *args, case, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        template_field = self.fields["template"]
        template_field.queryset = templates_visible_to(organization).select_related("organization")
        template_field.label_from_instance = lambda t: _label_template(t, organization)
        self.fields["contact"].queryset = SupplierContact.objects.filter(
            organization=organization, supplier=case.supplier_id
        )
        self.fields["co_signers"].queryset = Organization.objects.filter(case_shares__case=case).order_by("name")

    def clean(self):
        data = super().clean()
        template = data.get("template")
        if template:
            try:
                letters.check_placeholders(template.subject, template.body, *template.questions)
            except ValidationError as exc:
                self.add_error("template", exc)
        if data.get("deadline") and data["deadline"] <= timezone.localdate():
            self.add_error("deadline", _("Svarfristen må være etter i dag."))
        if data.get("remind_supplier") and not (data.get("contact") and data["contact"].email):
            self.add_error(
                "remind_supplier", _("Velg en mottaker med e-postadresse for å sende påminnelser til leverandøren.")
            )
        return data


class RequestDraftForm(VersionedForm):
    questions = QuestionsField(label=_("Spørsmål"), required=False, help_text=_("Ett spørsmål per linje."))

    class Meta:
        model = DueDiligenceRequest
        fields = ["subject", "body", "questions", "contact", "remind_supplier"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = SupplierContact.objects.filter(
            organization=organization, supplier=self.instance.case.supplier_id
        )


class SendForm(forms.Form):
    sent_on = forms.DateField(label=_("Sendt dato"), widget=date_input())
    deadline = forms.DateField(label=_("Svarfrist"), widget=date_input())
    comment = forms.CharField(label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    # The deadline the page proposed: left as it was, the deadline is counted from the sent date instead.
    proposed_deadline = forms.DateField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        if data.get("sent_on") and data.get("deadline") and data["deadline"] <= data["sent_on"]:
            self.add_error("deadline", _("Svarfristen må være etter datoen brevet sendes."))
        return data


class _TransparencyActForm(forms.Form):
    """A day under åpenhetsloven § 6: not in the future, not before the letter went (or arrived)."""

    day_field = ""

    def __init__(self, *args, request_obj: DueDiligenceRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.request_obj = request_obj

    def earliest(self):
        return self.request_obj.sent_on

    def clean(self):
        data = super().clean()
        day, earliest = data.get(self.day_field), self.earliest()
        if day and day > timezone.localdate():
            self.add_error(self.day_field, _("Datoen kan ikke være i fremtiden."))
        elif day and earliest and day < earliest:
            self.add_error(
                self.day_field,
                _("Datoen kan ikke være før %(date)s.") % {"date": letters.format_date(earliest)},
            )
        return data


class ReceivedForm(_TransparencyActForm):
    day_field = "received_on"
    received_on = forms.DateField(
        label=_("Mottatt av leverandøren"),
        widget=date_input(),
        help_text=_("Svarfristen etter åpenhetsloven § 6 regnes fra denne dagen. Den er satt til sendt dato."),
    )


class ExtensionNoticeForm(_TransparencyActForm):
    day_field = "notified_on"
    notified_on = forms.DateField(label=_("Leverandøren varslet"), widget=date_input())
    reason = forms.CharField(
        label=_("Begrunnelse og når svaret kommer"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )

    def earliest(self):
        return self.request_obj.received_on or self.request_obj.sent_on


class RefusalGroundForm(forms.Form):
    """One of åpenhetsloven § 6's grounds and the reasons: the supplier's own form and the follower's."""

    ground = forms.ChoiceField(
        label=_("Grunnlag i åpenhetsloven § 6"),
        choices=DueDiligenceRequest.RefusalGround.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Begrunnelse for avslaget"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class RefusalForm(_TransparencyActForm, RefusalGroundForm):
    day_field = "refused_on"
    field_order = ["refused_on", "ground", "note"]
    refused_on = forms.DateField(label=_("Avslått dato"), widget=date_input())

    def earliest(self):
        return self.request_obj.received_on or self.request_obj.sent_on


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Ny status"))
    comment = forms.CharField(label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = choices


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files; each is judged by suppliers.uploads.check_upload (which names the file in its message)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [f for f in files if f is not None and getattr(f, "name", "")]


class ResponseForm(forms.ModelForm):
    attachments = MultipleFileField(
        label=_("Vedlegg"),
        required=False,
        help_text=_("PDF, XLSX, DOCX, PNG eller JPG."),
    )

    class Meta:
        model = Response
        fields = ["received_on", "text", "assessment", "reasoning"]
        widgets = {
            "received_on": date_input(),
            "text": forms.Textarea(attrs={"rows": 4}),
            "reasoning": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, request_obj: DueDiligenceRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.request_obj = request_obj
        self.fields["received_on"].initial = timezone.localdate()
        for i, question in enumerate(request_obj.questions):
            self.fields[f"answer_{i}"] = forms.CharField(
                label=question, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
        order = ["received_on", *[f"answer_{i}" for i in range(len(request_obj.questions))], "text", "attachments"]
        self.order_fields(order)

    def clean_received_on(self):
        received = self.cleaned_data["received_on"]
        if received > timezone.localdate():
            raise ValidationError(_("Mottatt dato kan ikke være i fremtiden."))
        return received

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        checked, errors = [], []
        for f in files:
            try:
                checked.append(check_upload(f))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return checked

    def clean(self):
        data = super().clean()
        if data.get("assessment") and not (data.get("reasoning") or "").strip():
            self.add_error("reasoning", _("Begrunn vurderingen."))
        return data

    def answers(self) -> list[str]:
        return [self.cleaned_data.get(f"answer_{i}", "") for i in range(len(self.request_obj.questions))]


class DeviationForm(forms.ModelForm):
    class Meta:
        model = Deviation
        fields = ["title", "description", "severity", "obligation", "found_on"]
        widgets = {"found_on": date_input(), "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        obligations = self.fields["obligation"]
        if case.contract_id:
            obligations.queryset = case.contract.obligations.all()
        else:
            obligations.queryset = obligations.queryset.none()
            obligations.help_text = _("Saken har ingen kontrakt, så det er ingen forpliktelser å velge.")


class ActionForm(forms.ModelForm):
    class Meta:
        model = CorrectiveAction
        fields = ["description", "owner", "due_date"]
        widgets = {"due_date": date_input(), "description": forms.Textarea(attrs={"rows": 2})}


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CorrectiveAction.Status.choices)
    # Any status may follow any other, so the version is what refuses an older page's change.
    version = version_field()
    waiver_reason = forms.CharField(
        label=_("Begrunnelse for å frafalle"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if data.get("status") == CorrectiveAction.Status.WAIVED and not (data.get("waiver_reason") or "").strip():
            self.add_error("waiver_reason", _("Skriv hvorfor tiltaket frafalles."))
        return data


class EscalationForm(forms.ModelForm):
    class Meta:
        model = EscalationStep
        fields = ["kind", "date", "with_whom", "note"]
        widgets = {"date": date_input(), "note": forms.Textarea(attrs={"rows": 3})}


class LetterTemplateForm(VersionedForm):
    questions = QuestionsField(label=_("Spørsmål"), required=False, help_text=_("Ett spørsmål per linje."))
    national = forms.BooleanField(
        label=_("Nasjonal mal (for alle organisasjoner)"),
        required=False,
        help_text=_("Bare biblioteksredaktører kan lage og endre nasjonale maler."),
    )

    class Meta:
        model = LetterTemplate
        fields = ["request_type", "name", "subject", "body", "questions"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}
        help_texts = {
            "body": _(
                "Plassholdere fylles inn når brevet lages: {leverandor}, {kontrakt}, {frist}, "
                "{oppdragsgiver}, {avsendere} (med medavsendere), {kontaktperson}, {dato}."
            )
        }

    def __init__(self, *args, may_edit_national: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_edit_national or self.instance.pk:
            del self.fields["national"]

    def clean(self):
        data = super().clean()
        for name in ("subject", "body"):
            if data.get(name):
                try:
                    letters.check_placeholders(data[name])
                except ValidationError as exc:
                    self.add_error(name, exc)
        try:
            letters.check_placeholders(*(data.get("questions") or []))
        except ValidationError as exc:
            self.add_error("questions", exc)
        return data
