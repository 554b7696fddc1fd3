from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation
from django.utils.module_loading import module_has_submodule

from core import demo


def demo_modules():
    """Every installed app's `demo` module, in INSTALLED_APPS order (which is dependency order).

    Each `<app>.demo.load(out)` is idempotent and returns a dict of how many rows
    it created. Core names no app: an app takes part by having a demo module.
    """
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "demo"):
            yield config.label, import_module(f"{config.name}.demo")


class Command(BaseCommand):
    help = "Load demo organisations, users and content. Safe to run again: nothing is created twice."

    def handle(self, *args, **options):
        translation.activate("nb")
        with transaction.atomic():
            for app, module in demo_modules():
                created = module.load(self.stdout)
                summary = ", ".join(f"{k}: {v}" for k, v in created.items())
                self.stdout.write(f"{app}: created {summary}")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {demo.DEMO_PASSWORD})"))
        for username, where in demo.describe_logins():
            self.stdout.write(f"  {username:<28} {where}")
