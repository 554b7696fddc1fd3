"""Pages and files anyone may fetch without logging in: the favicon and the accessibility statement."""

from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico on every page; point them at the (hashed) static logo mark.

    A temporary redirect, since the hashed name changes with the file; cached for a day.
    """
    response = redirect(static("img/logo.svg"))
    patch_cache_control(response, max_age=86400, public=True)
    return response


# When the statement was last reviewed against the pages; the regulation requires the date shown.
ACCESSIBILITY_STATEMENT_REVIEWED = date(2026, 12, 1)


@login_not_required
@require_GET
def accessibility_statement(request):
    return render(
        request,
        "core/accessibility_statement.html",
        {"reviewed": ACCESSIBILITY_STATEMENT_REVIEWED, "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL},
    )
