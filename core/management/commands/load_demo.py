from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from core import demo

# Apps with a demo module, in dependency order. Each `<app>.demo.load(out)` is
# idempotent and returns a dict of how many rows it created.
DEMO_APPS = ["core", "criteria", "procurement", "suppliers", "battery_chain", "reporting", "api"]


class Command(BaseCommand):
    help = "Load demo organisations, users and content. Safe to run again: nothing is created twice."

    def handle(self, *args, **options):
        translation.activate("nb")
        with transaction.atomic():
            for app in DEMO_APPS:
                try:
                    module = import_module(f"{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name in {app, f"{app}.demo"}:
                        continue
                    raise
                created = module.load(self.stdout)
                summary = ", ".join(f"{k}: {v}" for k, v in created.items())
                self.stdout.write(f"{app}: created {summary}")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {demo.DEMO_PASSWORD})"))
        for username, where in demo.describe_logins():
            self.stdout.write(f"  {username:<28} {where}")
