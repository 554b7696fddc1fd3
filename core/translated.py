"""Reference data in the reader's language.

The shipped taxonomy and reference data (categories, themes, risk categories, raw materials) are
written in bokmål, with an English text beside it in `<field>_en`. Nynorsk readers get the bokmål
text: the names are the same or close, and editors would otherwise keep three texts in step.
"""

from django.utils.translation import get_language


def in_language(obj, field: str) -> str:
    """`obj.<field>` in the active language: the English text in English when there is one."""
    if (get_language() or "").startswith("en"):
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, field)
