from django import forms
from django.utils.translation import gettext_lazy as _

from suppliers.models import SupplierContact

LANGUAGE_CHOICES = [("nb", _("Norsk bokmål")), ("en", _("Engelsk"))]


class EmailSendForm(forms.Form):
    """Whom to e-mail the letter to (contacts from the register), in which language, and the deadline."""

    contacts = forms.ModelMultipleChoiceField(
        label=_("Send til"), queryset=SupplierContact.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    language = forms.ChoiceField(
        label=_("Språk på svarsiden og e-posten"),
        choices=LANGUAGE_CHOICES,
        initial="nb",
        help_text=_("Brevteksten sendes slik den står; språket gjelder e-posten, PDF-ens faste tekster og svarsiden."),
    )
    deadline = forms.DateField(
        label=_("Svarfrist"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), required=False
    )
    comment = forms.CharField(label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, case, first_send: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].queryset = (
            SupplierContact.objects.filter(organization=case.organization, supplier=case.supplier)
            .exclude(email="")
            .order_by("name")
        )
        if first_send:
            self.fields["deadline"].required = True
        else:
            # A repeat e-mail of a letter already sent keeps its deadline.
            del self.fields["deadline"]
