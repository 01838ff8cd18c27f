"""A tiny SMTP server that keeps every message it is given (the drills' mail server).

Enough of RFC 5321 for Django's SMTP backend without TLS or authentication: EHLO/HELO, MAIL,
RCPT, DATA, RSET, NOOP, QUIT. Each accepted message is kept with its envelope recipients.
"""

import email
import email.policy
import socketserver
import threading
from dataclasses import dataclass


@dataclass
class Mail:
    recipients: list
    subject: str


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 drills sink")
        recipients = []
        while line := self.rfile.readline():
            verb = line.decode("latin-1").strip().split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 drills sink")
            elif verb == "RCPT":
                recipients.append(line.decode().split(":", 1)[1].strip().strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                self.server.sink.keep(recipients, self.read_data())
                recipients = []
                self.reply("250 OK")
            elif verb == "RSET":
                recipients = []
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:  # MAIL, NOOP
                self.reply("250 OK")

    def read_data(self):
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        return b"".join(lines)


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class SmtpSink:
    def __init__(self):
        self.mails = []
        self._lock = threading.Lock()

    def start(self):
        self.server = _Server(("127.0.0.1", 0), _Handler)
        self.server.sink = self
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def keep(self, recipients, data):
        message = email.message_from_bytes(data, policy=email.policy.default)
        with self._lock:
            self.mails.append(Mail(list(recipients), str(message.get("subject", ""))))

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
