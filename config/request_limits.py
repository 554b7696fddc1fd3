"""A WSGI wrapper that refuses request bodies larger than the largest upload we accept.

Gunicorn limits the request line and headers (gunicorn.conf.py) but not the
body; without this a client could make a worker read gigabytes before a form
refuses them. The limit sits above every upload limit in the app (answer
attachments, minerals workbooks, library imports) plus room for the other
form fields. Bodies without a Content-Length (chunked) are refused: browsers
always send one for forms.
"""

from collections.abc import Callable, Iterable

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]


def _refuse(start_response, status: str, text: str) -> list[bytes]:
    body = text.encode()
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]


def limit_request_body(app: WSGIApp, max_bytes: int) -> WSGIApp:
    def wrapped(environ, start_response):
        raw_length = (environ.get("CONTENT_LENGTH") or "").strip()
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        if chunked and not raw_length:
            return _refuse(start_response, "411 Length Required", "Forespørselen mangler lengde.")
        if raw_length:
            try:
                length = int(raw_length)
            except ValueError:
                return _refuse(start_response, "400 Bad Request", "Ugyldig lengde.")
            if length > max_bytes:
                return _refuse(start_response, "413 Content Too Large", "Forespørselen er for stor.")
        return app(environ, start_response)

    return wrapped
