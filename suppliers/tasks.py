from celery import shared_task
from django.utils import timezone


@shared_task(name="suppliers.tasks.daily_due_diligence")
def daily_due_diligence():
    """Daily: overdue requests become forfalt and due reminders are e-mailed (each exactly once)."""
    from suppliers.follow_up.reminders import run_daily

    return run_daily(timezone.localdate())
