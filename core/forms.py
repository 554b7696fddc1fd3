from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from core.models import Membership, Organization
from core.roles import Role


def service_data(form, fields=None) -> dict:
    """The cleaned values a service takes, by field name.

    ``fields`` defaults to the model form's ``Meta.fields``; names the form does
    not carry (a field removed in ``__init__``) are left out, so the service
    keeps the stored value.
    """
    names = form._meta.fields if fields is None else fields
    return {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}


MISSING_VERSION = _("Skjemaet mangler versjonsnummeret. Last siden på nytt og prøv igjen.")


def version_field() -> forms.IntegerField:
    """The hidden, required version of a plain form that edits a versioned row (core/concurrency.py)."""
    return forms.IntegerField(widget=forms.HiddenInput, min_value=0, error_messages={"required": MISSING_VERSION})


class DataForm(forms.ModelForm):
    """A model form whose cleaned fields go to a service as a dict."""

    def data_dict(self) -> dict:
        return service_data(self)


class VersionedForm(DataForm):
    """Carries the row's version so a stale submit is caught (core/concurrency.py)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    # True for a row made on its first save (one per contract, per supplier): two people may both open
    # the form before it exists, so the unsaved row carries version 0 and even the first save is checked.
    versioned_before_first_save = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk or self.versioned_before_first_save:
            # Editing: the version is required, so a submit without it cannot overwrite blindly.
            self.fields["version"].required = True
            self.fields["version"].error_messages["required"] = MISSING_VERSION
            if not self.is_bound:
                self.initial["version"] = self.instance.version

    def submitted_version(self) -> int | None:
        return self.cleaned_data.get("version")


class ShareWithForm(forms.Form):
    """Pick a named other organisation to share a record with (read-only use)."""

    organization = forms.ModelChoiceField(label=_("Organisasjon"), queryset=Organization.objects.none())

    def __init__(self, *args, owner_id: int, already: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = (
            Organization.objects.exclude(pk=owner_id).exclude(pk__in=already).order_by("name")
        )


class OrganizationSettingsForm(DataForm):
    class Meta:
        model = Organization
        fields = ["four_eyes_local_library"]


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-post"))
    role = forms.ChoiceField(label=_("Rolle"), choices=Role.choices, initial=Role.BUYER)


class AcceptInvitationForm(forms.Form):
    first_name = forms.CharField(label=_("Fornavn"), max_length=150)
    last_name = forms.CharField(label=_("Etternavn"), max_length=150)
    password1 = forms.CharField(label=_("Passord"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Gjenta passordet"), widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, email: str, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Passordene er ikke like."))
        elif p1:
            from django.contrib.auth import get_user_model

            candidate = get_user_model()(
                username=self.email,
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                validate_password(p1, candidate)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class ActivityFilterForm(forms.Form):
    user = forms.TypedChoiceField(label=_("Person"), required=False, coerce=int, empty_value=None)
    model = forms.ChoiceField(label=_("Type"), required=False)
    date_from = forms.DateField(label=_("Fra dato"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Til dato"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, organization, tracked, **kwargs):
        super().__init__(*args, **kwargs)
        members = (
            Membership.objects.filter(organization=organization)
            .select_related("user")
            .order_by("user__first_name", "user__username")
        )
        seen = {}
        for m in members:
            seen.setdefault(m.user_id, m.user.get_full_name() or m.user.username)
        self.fields["user"].choices = [("", _("Alle"))] + list(seen.items())
        self.fields["model"].choices = [("", _("Alle"))] + [(t.key, t.label) for t in tracked]
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "form-select" if name in {"user", "model"} else "form-control"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Til-datoen kan ikke være før fra-datoen."))
        return cleaned


class LogoForm(forms.Form):
    """The file only; core.logos.check_logo decides whether it is a real PNG or JPEG within the caps."""

    image = forms.FileField(
        label=_("Logo (PNG eller JPEG)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )

    def clean_image(self):
        from core.logos import check_logo

        return check_logo(self.cleaned_data["image"])
