"""Bootstrap 5 form fields without crispy's per-field template machinery.

`|as_crispy_field` renders a field through several nested templates with a fresh
context each; on a formset with ten fields per row that was most of the award
page's time (issue 22). `{% bootstrap_field %}` writes the same markup as
crispy-bootstrap5 (labels, the required star, `is-invalid`, the error block that
Django's aria-describedby points at, help text) for the widgets the formsets use,
in Python, and leaves the widget itself to Django.
"""

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


# Django's widget templates that are input.html (or textarea.html) and nothing else: for these the
# markup is written here from the widget's own context, without a template render per field
# (Django's input.html + attrs.html were ~3/4 of each field's time on the award page, issue 22).
_INPUTS = {f"django/forms/widgets/{n}.html" for n in ("text", "number", "checkbox", "hidden", "email", "url")}
_TEXTAREA = "django/forms/widgets/textarea.html"


def _flat(attrs) -> str:
    """Django's attrs.html: ` name="value"`, a bare ` name` for True, nothing for False."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def render_widget(field, attrs=None):
    """`field.as_widget(attrs=attrs)`, the same string, for the plain input and textarea widgets."""
    widget = field.field.widget
    if widget.template_name not in _INPUTS and widget.template_name != _TEXTAREA:
        return field.as_widget(attrs=attrs)
    if field.field.localize:
        widget.is_localized = True
    attrs = field.build_widget_attrs(attrs or {}, widget)  # in as_widget's order
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    if widget.template_name == _TEXTAREA:
        text = conditional_escape(context["value"]) if context["value"] else ""
        return mark_safe(  # noqa: S308 (every part escaped above)
            f'<textarea name="{conditional_escape(context["name"])}"{_flat(context["attrs"])}>\n{text}</textarea>'
        )
    shown = "" if context["value"] is None else f' value="{conditional_escape(str(context["value"]))}"'
    return mark_safe(  # noqa: S308 (every part escaped above)
        f'<input type="{conditional_escape(context["type"])}" name="{conditional_escape(context["name"])}"'
        f"{shown}{_flat(context['attrs'])}>"
    )


def _widget(field, css: str):
    """The widget with crispy's classes: its type's name (textinput, numberinput, ...), `css`, `is-invalid` on error."""
    widget = field.field.widget
    classes = [type(widget).__name__.lower(), widget.attrs.get("class", ""), css, "is-invalid" if field.errors else ""]
    return render_widget(field, {"class": " ".join(c for c in classes if c)})


def _required(field):
    return mark_safe('<span class="asteriskField">*</span>') if field.field.required else ""  # noqa: S308 (constant)


def _feedback(field):
    """Errors (the id aria-describedby names), then help text, as crispy's help_text_and_errors."""
    errors = ""
    if field.errors:
        errors = format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            field.auto_id,
            format_html_join(
                "",
                '<p id="error_{}_{}"><strong>{}</strong></p>',
                ((n, field.auto_id, error) for n, error in enumerate(field.errors, start=1)),
            ),
        )
    help_text = ""
    if field.help_text:
        help_text = format_html(
            '<div id="{}_helptext" class="form-text">{}</div>',
            field.auto_id,
            mark_safe(field.help_text),  # noqa: S308 (the form's own text, as crispy's |safe)
        )
    return format_html("{}{}", errors, help_text)


def _checkbox(field):
    return format_html(
        '<div class="mb-3"><div id="div_{}" class="form-check">{}\n'
        '<label for="{}" class="form-check-label{}">{}{}</label>{}</div></div>',
        field.auto_id,
        _widget(field, "form-check-input"),
        field.id_for_label,
        " requiredField" if field.field.required else "",
        field.label,
        _required(field),
        _feedback(field),
    )


def _checkbox_list(field):
    options = list(field)
    rows = []
    for index, option in enumerate(options):
        rows.append(
            format_html(
                '<div class="form-check"><input type="checkbox" class="form-check-input{}" name="{}" value="{}" '
                'id="{}"{}{}{}>\n<label for="{}" class="form-check-label">{}</label>{}</div>\n',
                " is-invalid" if field.errors else "",
                field.html_name,
                localize(option.data["value"], use_l10n=False),
                option.id_for_label,
                mark_safe(' aria-invalid="true"') if field.errors else "",  # noqa: S308 (constant), as Django's own widgets
                mark_safe(" checked") if option.data["selected"] else "",  # noqa: S308 (constant)
                mark_safe(" disabled") if field.field.disabled else "",  # noqa: S308 (constant)
                option.id_for_label,
                localize(option.choice_label, use_l10n=False),
                _feedback(field) if index == len(options) - 1 else "",
            )
        )
    described = field.aria_describedby
    return format_html(
        '<div id="div_{}" class="mb-3"><fieldset{}>\n<legend class="form-label{} fs-6">{}{}</legend>\n'
        "<div>{}</div></fieldset></div>",
        field.auto_id,
        format_html(' aria-describedby="{}"', described) if described else "",
        " requiredField" if field.field.required else "",
        field.label,
        _required(field),
        mark_safe("".join(rows)),  # noqa: S308 (each row built with format_html)
    )


@register.simple_tag
def bootstrap_field(field):
    """One field as `|as_crispy_field` renders it (text, number, textarea, checkbox, checkbox list)."""
    kind = field.widget_type
    if kind == "checkbox":
        return _checkbox(field)
    if kind == "checkboxselectmultiple":
        return _checkbox_list(field)
    return format_html(
        '<div id="div_{}" class="mb-3">\n<label for="{}" class="form-label{}">{}{}</label>\n{}\n{}</div>',
        field.auto_id,
        field.id_for_label,
        " requiredField" if field.field.required else "",
        field.label,
        _required(field),
        _widget(field, "form-control"),
        _feedback(field),
    )
