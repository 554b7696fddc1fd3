"""Abandoned minerals uploads are removed by a periodic task, not only by the next upload."""

import os
import time
from pathlib import Path

import pytest
from django.conf import settings

from battery_chain.minerals import pending
from battery_chain.tasks import sweep_pending_minerals_uploads


def test_the_beat_task_removes_abandoned_uploads_and_keeps_fresh_ones():
    directory = Path(settings.MEDIA_ROOT) / pending.DIRECTORY
    directory.mkdir(parents=True, exist_ok=True)
    old, fresh = directory / "gammel.xlsx", directory / "ny.xlsx"
    old.write_bytes(b"PK")
    fresh.write_bytes(b"PK")
    two_hours_ago = time.time() - 2 * 60 * 60
    os.utime(old, (two_hours_ago, two_hours_ago))

    assert sweep_pending_minerals_uploads.apply().get() == 1
    assert not old.exists() and fresh.exists()


@pytest.mark.parametrize("name", ["battery_chain.tasks.sweep_pending_minerals_uploads"])
def test_the_sweep_is_scheduled(name):
    assert name in {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
