"""A tiny SMTP server on 127.0.0.1 for mail tests: it accepts and keeps messages, or refuses them.

Only the commands Django's SMTP backend sends (EHLO/HELO, MAIL, RCPT, DATA,
RSET, NOOP, QUIT). With `refuse` set to an SMTP reply such as
"554 5.7.1 Relay refused", every MAIL FROM gets that reply.
"""

import socketserver
import threading
from contextlib import contextmanager


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(line.encode("ascii") + b"\r\n")

    def handle(self):
        server = self.server
        self.reply("220 stub.test ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode("ascii", "replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self.reply("250 stub.test")
            elif command.startswith("MAIL"):
                server.attempts += 1
                self.reply(server.refuse or "250 OK")
            elif command.startswith("RCPT"):
                self.reply("250 OK")
            elif command == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                server.messages.append(b"".join(data))
                self.reply("250 OK queued")
            elif command.startswith(("RSET", "NOOP")):
                self.reply("250 OK")
            elif command == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Not implemented")


class StubServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, refuse: str | None):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.refuse = refuse
        self.messages: list[bytes] = []
        self.attempts = 0

    @property
    def port(self) -> int:
        return self.server_address[1]


@contextmanager
def smtp_server(refuse: str | None = None):
    server = StubServer(refuse)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def use_smtp(settings, server) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
