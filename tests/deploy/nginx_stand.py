"""deploy/nginx/cchc.conf run by the real nginx as any user: the file with its placeholder paths
moved into a temporary directory, free ports, a self-signed certificate and a stand-in app."""

import http.client
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE_FILE = ROOT / "deploy" / "nginx" / "cchc.conf"
HOST = "cong.example.gov.vn"

MAIN_CONF = """
{user}
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/log/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {prefix}/log/access.log;
    client_body_temp_path {prefix}/temp/body;
    proxy_temp_path {prefix}/temp/proxy;
    fastcgi_temp_path {prefix}/temp/fastcgi;
    uwsgi_temp_path {prefix}/temp/uwsgi;
    scgi_temp_path {prefix}/temp/scgi;
    include {prefix}/cchc.conf;
}}
"""


def nginx_binary():
    """CI and `make test` install nginx (scripts/system-deps.sh); its absence is a failure."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if not found:
        pytest.fail("nginx is not installed: run `make system-deps` (scripts/system-deps.sh)")
    return found


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def has_ipv6():
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


def replace_all(text, replacements):
    """Each of `replacements` (whole words) put in `text` in one pass: one after the other, a
    port put in for "listen 80" that begins with 443 was then taken for "listen 443"."""
    for old in replacements:
        assert old in text, f"{old!r} is no longer in {SITE_FILE.name}: update the test"
    pattern = "|".join(
        rf"{re.escape(old)}\b" for old in sorted(replacements, key=len, reverse=True)
    )
    return re.sub(pattern, lambda match: replacements[match.group()], text)


def site_file(prefix, ports):
    text = replace_all(
        SITE_FILE.read_text(),
        {
            "/srv/cchc": str(prefix / "srv"),
            "/etc/ssl/cchc": str(prefix / "ssl"),
            "/var/log/nginx": str(prefix / "log"),
            "127.0.0.1:8000": f"127.0.0.1:{ports['app']}",
            "listen 80": f"listen {ports['http']}",
            "listen [::]:80": f"listen [::]:{ports['http']}",
            "listen 443": f"listen {ports['https']}",
            "listen [::]:443": f"listen [::]:{ports['https']}",
        },
    )
    if not has_ipv6():  # some CI containers have no IPv6 at all
        text = "\n".join(line for line in text.splitlines() if "[::]" not in line)
    return text


def self_signed_certificate(directory):
    directory.mkdir()
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "2", "-subj", f"/CN={HOST}",
         "-keyout", directory / "privkey.pem", "-out", directory / "fullchain.pem"],
        check=True, capture_output=True,
    )  # fmt: skip


def configure(prefix, ports):
    """Writes nginx.conf and the site file under `prefix`; returns nginx's arguments."""
    for name in ("log", "temp", "srv"):
        (prefix / name).mkdir(parents=True, exist_ok=True)
    self_signed_certificate(prefix / "ssl")
    (prefix / "cchc.conf").write_text(site_file(prefix, ports))
    # As root the workers would be `nobody`, who cannot enter pytest's private temporary folder.
    user = "user root;" if os.geteuid() == 0 else ""
    (prefix / "nginx.conf").write_text(MAIN_CONF.format(prefix=prefix, user=user))
    return [nginx_binary(), "-p", str(prefix), "-c", str(prefix / "nginx.conf"),
            "-e", str(prefix / "log" / "error.log")]  # fmt: skip


class EchoApp(BaseHTTPRequestHandler):
    """The stand-in for gunicorn: answers with the path and headers it received as JSON."""

    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = json.dumps({"path": self.path, "headers": dict(self.headers)}).encode()
        self.send_response(200)
        if self.path == "/go-elsewhere":
            self.send_header("Location", f"http://127.0.0.1:{self.server.server_port}/elsewhere")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = answer

    def log_message(self, *args):
        pass


def start_app():
    server = ThreadingHTTPServer(("127.0.0.1", 0), EchoApp)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def wait_for_port(port, process):
    """Until nginx listens (it starts in milliseconds; the limit only ends a broken run)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and process.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"nginx did not start (exit code {process.poll()})")


def https_request(
    port, method, path, headers=None, body=None, server_name=HOST, address=None, timeout=10
):
    """One request over TLS with `server_name` as SNI and Host; returns (response, body)."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    raw = socket.create_connection((address or "127.0.0.1", port), timeout=timeout)
    connection = http.client.HTTPSConnection(server_name, port, context=context, timeout=timeout)
    connection.sock = context.wrap_socket(raw, server_hostname=server_name)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response, response.read()
    finally:
        connection.close()


def http_request(port, path, host=HOST):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        return response, response.read()
    finally:
        connection.close()
