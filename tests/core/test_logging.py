"""Start-up and command output stays readable: chatty libraries log only warnings."""

import logging
import logging.config

import pytest
from django.conf import settings


@pytest.mark.parametrize("name", ["weasyprint", "weasyprint.progress", "fontTools", "fontTools.subset"])
def test_pdf_libraries_log_only_warnings_and_worse(name):
    logging.config.dictConfig(settings.LOGGING)
    assert logging.getLogger(name).getEffectiveLevel() >= logging.WARNING


def test_our_own_info_lines_still_show():
    logging.config.dictConfig(settings.LOGGING)
    assert logging.getLogger("core.apps").getEffectiveLevel() <= logging.INFO


@pytest.mark.django_db
def test_a_403_is_one_log_line_without_a_traceback(org, users):
    import io

    from django.urls import reverse

    from core.roles import Role
    from tests.conftest import client_for
    from tests.factories import procurement

    logging.config.dictConfig(settings.LOGGING)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    try:
        p = procurement(organization=org)
        assert client_for(users[Role.READ_ONLY]).post(reverse("procurement:edit", args=[p.pk]), {}).status_code == 403
        follower = client_for(users[Role.CONTRACT_FOLLOWER])
        assert follower.get(reverse("procurement:amendment_start", args=[p.pk])).status_code == 403
    finally:
        logging.getLogger().removeHandler(handler)
    lines = [line for line in stream.getvalue().splitlines() if line.strip()]
    assert len(lines) == 2, lines
    assert "Traceback" not in stream.getvalue()
    assert lines[0].startswith("WARNING django.request: Forbidden (Permission denied): /anskaffelser/")
    assert "bare lesetilgang" in lines[0]
