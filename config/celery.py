"""The Celery application. Settings are read from Django settings under CELERY_."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Units inside an app that keep their own tasks module (the tender document package).
app.autodiscover_tasks(["procurement.tender_document"])
