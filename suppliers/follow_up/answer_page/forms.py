from django import forms
from django.utils.translation import gettext_lazy as _

from suppliers.follow_up.forms import RefusalGroundForm
from suppliers.models import AnswerFile


class StyledForm(forms.Form):
    """Bootstrap classes on every widget; the answer page does not load crispy's layout."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def style(self):
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class AnswerForm(StyledForm):
    """One text field per question of the letter, and a field for anything else."""

    text = forms.CharField(
        label=_("Annet dere vil si til oss"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for i, question in enumerate(self.questions):
            self.fields[f"answer_{i}"] = forms.CharField(
                label=question, required=False, widget=forms.Textarea(attrs={"rows": 4})
            )
        # The free-text field last, after the questions.
        self.order_fields([*(f"answer_{i}" for i in range(len(self.questions))), "text"])
        self.style()

    def answers(self) -> list[str]:
        return [self.cleaned_data.get(f"answer_{i}", "") for i in range(len(self.questions))]

    def question_fields(self):
        return [self[f"answer_{i}"] for i in range(len(self.questions))]


class FileForm(StyledForm):
    kind = forms.ChoiceField(
        label=_("Hva slags fil"), choices=AnswerFile.Kind.choices, initial=AnswerFile.Kind.ATTACHMENT
    )
    file = forms.FileField(label=_("Fil"))


class ExtensionForm(StyledForm):
    reason = forms.CharField(
        label=_("Hvorfor trenger dere mer tid, og når kan dere svare?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )


class RefusalForm(StyledForm, RefusalGroundForm):
    def style(self):
        super().style()
        self.fields["ground"].widget.attrs["class"] = "form-check-input"
