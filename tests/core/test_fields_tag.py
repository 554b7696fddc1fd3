"""{% bootstrap_field %} writes Django's own widget markup without its widget templates (issue 22)."""

import pytest
from django import forms
from django.template import Context, Template
from django.test.signals import template_rendered

from core.templatetags.fields import render_widget


class Sample(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(max_length=20)
    weight = forms.IntegerField(required=False, min_value=0, help_text="Prosent & <b>vekt</b>")
    price = forms.BooleanField(required=False)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    email = forms.EmailField(required=False, disabled=True)


CASES = [
    Sample(initial={"name": 'Pris "A" & <b>', "weight": 60, "price": True, "note": "linje 1\nlinje <2>", "id": 4}),
    Sample({"name": "", "weight": "abc", "price": "on", "note": "", "email": "x"}),
    Sample({"name": "x" * 30, "weight": "-1", "note": "  tekst"}),
]


@pytest.mark.parametrize("form", CASES, ids=["initial", "errors", "bound"])
@pytest.mark.parametrize("name", ["id", "name", "weight", "price", "note", "email"])
def test_render_widget_is_djangos_as_widget(form, name):
    attrs = {"class": "textinput form-control is-invalid"}
    assert render_widget(form[name], attrs) == form[name].as_widget(attrs=attrs)
    assert render_widget(form[name]) == form[name].as_widget()


def test_bootstrap_field_renders_no_widget_template():
    rendered = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(record)
    try:
        form = CASES[1]
        html = Template("{% load fields %}{% for f in form %}{% bootstrap_field f %}{% endfor %}").render(
            Context({"form": form})
        )
    finally:
        template_rendered.disconnect(record)
    assert 'name="weight"' in html
    assert not [n for n in rendered if n and n.startswith("django/forms/widgets/")], rendered
