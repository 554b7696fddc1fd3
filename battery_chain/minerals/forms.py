from django import forms
from django.utils.translation import gettext_lazy as _

from battery_chain.minerals.errors import FileRefused
from battery_chain.minerals.safety import check_size
from battery_chain.models import MineralsReport


def clean_workbook(upload, wrong_type_message):
    """The uploaded file if it is named .xlsx and within the size limit (the bytes are checked when read)."""
    if not upload.name.lower().endswith(".xlsx"):
        raise forms.ValidationError(wrong_type_message)
    try:
        check_size(upload.size)
    except FileRefused as exc:
        raise forms.ValidationError(exc.message) from None
    return upload


class UploadForm(forms.Form):
    # Empty files get our own message from check_size, like every other refusal.
    file = forms.FileField(
        allow_empty_file=True,
        label=_("Arbeidsbok fra leverandøren (.xlsx)"),
        help_text=_(
            "CMRT 6.x for tinn, tantal, wolfram og gull, eller EMRT 2.x for kobolt, glimmer, kobber, grafitt, litium og nikkel."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )
    pack = forms.ModelChoiceField(label=_("Batteripakke"), queryset=None, required=False, empty_label=None)

    def __init__(self, *args, packs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pack"].queryset = packs
        if len(packs) == 1:
            # One pack: the lines go there, nothing to choose.
            del self.fields["pack"]
        else:
            self.fields["pack"].required = True
            self.fields["pack"].help_text = _("Linjene fra rapporten legges på denne batteripakken.")

    def clean_file(self):
        return clean_workbook(
            self.cleaned_data["file"],
            _("Bare Excel-arbeidsbøker (.xlsx) kan importeres. Lagre filen som .xlsx i Excel og prøv igjen."),
        )


class ReportFilterForm(forms.Form):
    q = forms.CharField(label=_("Søk"), required=False)
    # Set by links from a product page: the reports of that product only.
    produkt = forms.IntegerField(required=False, widget=forms.HiddenInput)
    template = forms.ChoiceField(
        label=_("Mal"), required=False, choices=[("", _("Alle maler")), *MineralsReport.Template.choices]
    )


class ReferenceListForm(forms.Form):
    file = forms.FileField(
        allow_empty_file=True,
        label=_("Tom mal fra RMI (.xlsx)"),
        help_text=_(
            "CMRT, EMRT, CRT eller AMRT slik RMI publiserer den. Referanselisten leses fra det skjulte arket "
            "Smelter Look-up; mal og versjon leses fra filen."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )
    released_on = forms.DateField(
        label=_("Utgivelsesdato"),
        required=False,
        help_text=_("Trengs bare når malens Revision-ark ikke oppgir datoen."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_file(self):
        return clean_workbook(self.cleaned_data["file"], _("Bare Excel-arbeidsbøker (.xlsx) kan lastes inn."))
