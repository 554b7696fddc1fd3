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
