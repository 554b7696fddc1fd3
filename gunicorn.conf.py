"""Gunicorn settings for the production image (Dockerfile and docker-compose use them).

Values come from the environment like Django's settings. The request limits
refuse oversized request lines and headers before Django sees them (gunicorn
answers 400/414); bodies are bounded by Django's DATA_UPLOAD_MAX_MEMORY_SIZE and
ATTACHMENT_MAX_BYTES, and by the proxy's body limit (client_max_body_size).
"""

import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be an integer, got {raw!r}") from None


wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = _int("GUNICORN_WORKERS", 3)
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)

# Request size limits (gunicorn's own defaults are larger or unlimited).
limit_request_line = _int("GUNICORN_LIMIT_REQUEST_LINE", 4094)
limit_request_fields = _int("GUNICORN_LIMIT_REQUEST_FIELDS", 60)
limit_request_field_size = _int("GUNICORN_LIMIT_REQUEST_FIELD_SIZE", 8190)

accesslog = "-"
errorlog = "-"
# The TLS proxy in front sets X-Forwarded-*; gunicorn trusts it only from these addresses.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
