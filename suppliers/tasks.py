import smtplib

from celery import shared_task
from django.conf import settings
from django.utils import timezone


@shared_task(name="suppliers.tasks.daily_due_diligence")
def daily_due_diligence():
    """Daily: overdue requests become forfalt and due reminders are e-mailed (each exactly once)."""
    from suppliers.follow_up.reminders import run_daily

    return run_daily(timezone.localdate())


# Connection problems and SMTP refusals (4xx and 5xx alike: a 5xx from a relay is often a
# temporary policy block) are retried; anything else is a bug and fails at once.
TRANSIENT_MAIL_ERRORS = (smtplib.SMTPException, OSError)


@shared_task(
    bind=True,
    name="suppliers.tasks.send_letter_mail",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,  # counted against settings below, so tests can shorten it
)
def send_letter_mail(self, send_id: int):
    """Send one stored letter e-mail (suppliers.follow_up.mail.services.deliver); idempotent."""
    from suppliers.follow_up.mail import services

    try:
        return services.deliver(send_id)
    except TRANSIENT_MAIL_ERRORS as exc:
        if self.request.retries >= settings.LETTER_MAIL_MAX_RETRIES:
            services.mark_failed(send_id, f"{type(exc).__name__}: {exc}")
            return "failed"
        raise self.retry(exc=exc, countdown=settings.LETTER_MAIL_RETRY_SECONDS * (2**self.request.retries)) from exc
