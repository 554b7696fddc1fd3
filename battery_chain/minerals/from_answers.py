"""Minerals workbooks from the supplier answer page: the check their upload must pass.

Registered with suppliers.follow_up.answer_page.workbooks at start-up (battery_chain
depends on suppliers, not the other way round). The follower previews and accepts
a submitted workbook in battery_chain/minerals/views/from_answers.py.
"""

from django.core.exceptions import ValidationError

from battery_chain.minerals.errors import FileRefused
from battery_chain.minerals.parser import parse_workbook


def check_workbook(data: bytes) -> None:
    """The same checks as the import's upload form; FileRefused becomes a ValidationError for the answer page."""
    try:
        parse_workbook(data)
    except FileRefused as exc:
        raise ValidationError(exc.message) from None
