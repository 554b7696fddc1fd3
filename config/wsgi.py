import os

from django.core.wsgi import get_wsgi_application

from config.request_limits import limit_request_body

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
_django = get_wsgi_application()

from django.conf import settings  # noqa: E402 - read after Django is set up

application = limit_request_body(_django, settings.REQUEST_MAX_BYTES)
