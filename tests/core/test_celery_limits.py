"""Celery time limits come from the environment, and a soft limit that could never fire stops start-up."""

import os
import subprocess
import sys

from django.conf import settings


def _start(**env):
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from config.celery import app; print(app.conf.task_soft_time_limit, app.conf.task_time_limit)",
        ],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )


def test_the_worker_reads_its_time_limits_from_the_environment():
    result = _start(CELERY_TASK_SOFT_TIME_LIMIT="30", CELERY_TASK_TIME_LIMIT="45")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "30 45"


def test_a_soft_limit_at_or_above_the_hard_limit_stops_start_up():
    result = _start(CELERY_TASK_SOFT_TIME_LIMIT="200", CELERY_TASK_TIME_LIMIT="180")
    assert result.returncode != 0
    assert "CELERY_TASK_SOFT_TIME_LIMIT" in result.stderr
