"""With a real Celery worker on Redis: an SMTP server that refuses is retried, then the send shows failed;
a task delivered twice sends once."""

import pytest

from suppliers.models import LetterSend
from suppliers.tasks import send_letter_mail
from tests.core.test_celery_worker import _wait_for, celery_worker_on_redis  # noqa: F401 - the fixture
from tests.factories import dd_request, follow_up_case, supplier_contact
from tests.suppliers.smtp_stub import smtp_server, use_smtp

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _queued(org):
    from django.test import RequestFactory

    from suppliers.follow_up.mail import services

    case = follow_up_case(org)
    contact = supplier_contact(org, case.supplier, name="Siri", email="siri@leverandor.example")
    req = dd_request(case, contact=contact)
    request = RequestFactory().get("/")
    return services.send_by_email(
        req=req,
        user=None,
        contacts=[contact],
        language="nb",
        sent_on=req.created_at.date(),
        deadline=req.deadline,
        url_for_token=services.answer_url_builder(request),
    )


def test_a_refused_send_is_retried_by_the_worker_and_ends_failed(celery_worker_on_redis, org, settings):  # noqa: F811
    settings.LETTER_MAIL_MAX_RETRIES, settings.LETTER_MAIL_RETRY_SECONDS = 2, 0
    with smtp_server(refuse="554 5.7.1 Relay access denied") as server:
        use_smtp(settings, server)
        row = _queued(org)  # queued on commit: the worker picks it up from Redis
        assert _wait_for(lambda: LetterSend.objects.get(pk=row.pk).status == "feilet", 30), "never ended failed"
        assert server.attempts == 3 and server.messages == []
    row.refresh_from_db()
    assert row.attempts == 3 and "554" in row.error


def test_the_worker_sends_once_when_the_task_is_queued_twice(celery_worker_on_redis, org, settings):  # noqa: F811
    with smtp_server() as server:
        use_smtp(settings, server)
        row = _queued(org)
        send_letter_mail.delay(row.pk)  # a duplicate delivery, as after a lost acknowledgement
        assert _wait_for(lambda: LetterSend.objects.get(pk=row.pk).status == "sendt", 30)
        assert _wait_for(lambda: server.attempts >= 1, 5)
        # Give the duplicate time to run; it must find the row sent and do nothing.
        _wait_for(lambda: False, 2)
        assert len(server.messages) == 1 and server.attempts == 1
