"""No form shows a label Django made up from an English field name ("Category", "Group", "Theme")."""

import importlib
import inspect
import pkgutil

from django import forms
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

PROJECT_APPS = ("api", "battery_chain", "core", "criteria", "procurement", "reporting", "suppliers")


def _model_forms():
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for module_info in pkgutil.walk_packages(package.__path__, prefix=f"{app}."):
            if "forms" not in module_info.name.split(".")[-1]:
                continue
            module = importlib.import_module(module_info.name)
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.ModelForm) and cls.__module__ == module.__name__ and cls._meta.model:
                    yield cls


def test_every_model_form_label_is_written_by_us():
    assert apps.ready
    leaks = []
    for form_class in _model_forms():
        model = form_class._meta.model
        for name, field in form_class.base_fields.items():
            try:
                model_field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue  # a form field of its own, with its own label
            declared_on_form = name in form_class.declared_fields
            if (
                getattr(model_field, "_verbose_name", "") is None
                and not declared_on_form
                and field.label == name.replace("_", " ").capitalize()
            ):
                leaks.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    assert leaks == [], f"labels made up from English field names: {leaks}"
