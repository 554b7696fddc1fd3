"""Logging filters that keep the server log readable."""

import logging


class QuietForbidden(logging.Filter):
    """A 403 is a refusal the app meant to give, not an error: one line with the reason, no traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403 and record.exc_info:
            reason = record.exc_info[1]
            record.msg = f"{record.msg} ({reason})" if str(reason) else record.msg
            record.exc_info = None
            record.exc_text = None
        return True
