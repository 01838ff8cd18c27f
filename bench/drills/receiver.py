"""A local HTTP receiver standing in for the central e-bulletin.

It verifies each request's Standard Webhooks signature with its own implementation of
the spec (not the product's), records what arrived, and answers from a script:
"ok", "503", "410", "429:120" (status with Retry-After), "timeout" (sleeps past the
client's read timeout). The test suite and the fault drills (bench/drills) both use it; the
drills take it down (connections refused) and bring it back on the same port.
"""

import base64
import hashlib
import hmac
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET = "whsec_" + base64.b64encode(b"central-e-bulletin-test-key-32by").decode()
TOLERANCE_SECONDS = 5 * 60


def verify(secret, headers, body):
    """True when the signature matches and the timestamp is within the tolerance."""
    msg_id, timestamp = headers.get("webhook-id"), headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature", "")
    if not (msg_id and timestamp and timestamp.isdigit()):
        return False
    if abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    key = base64.b64decode(secret.split("_", 1)[1])
    expected = base64.b64encode(
        hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    ).decode()
    return any(
        version == "v1" and hmac.compare_digest(signature, expected)
        for version, _, signature in (part.partition(",") for part in signatures.split())
    )


@dataclass
class Received:
    headers: dict
    body: bytes
    valid: bool
    status: int = 0  # what the receiver answered (0 until it has)

    @property
    def json(self):
        return json.loads(self.body)


@dataclass
class Receiver:
    script: list = field(default_factory=list)  # answers in order; "ok" once it runs out
    received: list = field(default_factory=list)
    sleep: float = 3.0
    port: int = 0  # 0: any free port, kept by down() and up()

    def start(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                headers = {k.lower(): v for k, v in self.headers.items()}
                record = Received(headers, body, verify(SECRET, headers, body))
                receiver.received.append(record)
                record.status = receiver.answer(self)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self.server.server_port
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/webhook"

    def answer(self, handler):
        step = self.script.pop(0) if self.script else "ok"
        if step == "timeout":
            time.sleep(self.sleep)
            step = "ok"
        status, _, retry_after = ("200" if step == "ok" else step).partition(":")
        handler.send_response(int(status))
        if retry_after:
            handler.send_header("Retry-After", retry_after)
        handler.send_header("Content-Type", "application/json")
        handler.end_headers()
        handler.wfile.write(json.dumps({"status": status}).encode())
        return int(status)

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def down(self):
        """Stop listening: connections to its port are refused until up()."""
        self.stop()

    def up(self):
        """Listen again on the same port."""
        return self.start()
