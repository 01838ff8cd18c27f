"""A real IMAP server for the tests: Debian's Dovecot (scripts/system-deps.sh installs it),
started on a free port with its own configuration, a passwd-file user and a maildir in a
temporary folder; no system service, no root needed. `run_dovecot(tls=True)` adds a throwaway
CA and a server certificate for 127.0.0.1 only ("localhost" is a wrong name; openssl CLI),
IMAPS on `tls_port`, STARTTLS on `port`. Dovecot counts a loopback connection as secure and
would still take a plaintext login on `port`: refusing one is the client's job (test_imap_tls).

Run by an ordinary user, every process is that user (Dovecot's rootless set-up). Run as root
(a CI container), Dovecot refuses to run its login processes or to touch mail as root: they run
as the package's own `dovenull` and `dovecot` users, which then own the mail folder.
"""

import grp
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

USER, PASSWORD = "cchc", "mat-khau-thu"

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
{ssl}
auth_mechanisms = plain login
default_internal_user = {internal_user}
default_internal_group = {internal_group}
default_login_user = {login_user}
first_valid_uid = {uid}
mail_location = maildir:{root}/mail/%u
namespace inbox {{
  inbox = yes
  separator = /
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/users
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
  }}
}}
service anvil {{
  chroot =
}}
"""


# Plaintext logins over loopback only: the listener binds 127.0.0.1.
PLAIN = "ssl = no\ndisable_plaintext_auth = no"
# (Dovecot still takes plaintext logins from loopback: it counts them as secure.)
TLS = """ssl = required
disable_plaintext_auth = yes
ssl_cert = <{root}/server.crt
ssl_key = <{root}/server.key"""


@dataclass
class Dovecot:
    port: int
    user: str
    password: str
    root: Path
    tls_port: int = 0  # IMAPS; 0: no TLS at all

    @property
    def ca_file(self):
        """The throwaway CA that signed the server's certificate (TLS stands only)."""
        return str(self.root / "ca.crt")

    def log(self):
        path = self.root / "dovecot.log"
        return path.read_text() if path.exists() else ""


def dovecot_binary():
    found = shutil.which("dovecot") or shutil.which("dovecot", path="/usr/sbin:/usr/local/sbin")
    if not found:
        pytest.fail("Dovecot is not installed: run `make system-deps` (scripts/system-deps.sh)")
    return found


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def identities():
    """(internal user, internal group, login user, mail uid, mail gid)."""
    if os.geteuid() != 0:
        user, group = pwd.getpwuid(os.geteuid()).pw_name, grp.getgrgid(os.getegid()).gr_name
        return user, group, user, os.geteuid(), os.getegid()
    mail = pwd.getpwnam("dovecot")
    return "dovecot", "dovecot", "dovenull", mail.pw_uid, mail.pw_gid


def openssl(*arguments, cwd):
    subprocess.run(["openssl", *arguments], cwd=cwd, check=True, capture_output=True)


def make_certificates(root):
    """ca.crt/ca.key, and server.crt/server.key signed by it for 127.0.0.1 (not "localhost":
    the tests' wrong host name)."""
    days, key = "2", ["-newkey", "rsa:2048", "-nodes"]
    openssl("req", "-x509", *key, "-keyout", "ca.key", "-out", "ca.crt", "-days", days,
            "-subj", "/CN=CCHC test CA", cwd=root)  # fmt: skip
    openssl("req", *key, "-keyout", "server.key", "-out", "server.csr",
            "-subj", "/CN=127.0.0.1", cwd=root)  # fmt: skip
    (root / "server.ext").write_text(
        "subjectAltName = IP:127.0.0.1\n"
        "basicConstraints = CA:FALSE\nkeyUsage = digitalSignature, keyEncipherment\n"
        "extendedKeyUsage = serverAuth\n"
    )
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
            "-CAcreateserial", "-out", "server.crt", "-days", days,
            "-extfile", "server.ext", cwd=root)  # fmt: skip


def write_configuration(root, port, tls_port=0):
    internal_user, internal_group, login_user, uid, gid = identities()
    (root / "mail").mkdir()
    (root / "home").mkdir()
    for folder in (root / "mail", root / "home"):
        os.chown(folder, uid, gid)
    (root / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}:{uid}:{gid}::{root}/home\n")
    (root / "dovecot.conf").write_text(
        CONFIG.format(
            root=root,
            port=port,
            tls_port=tls_port,
            ssl=(TLS if tls_port else PLAIN).format(root=root),
            uid=uid,
            internal_user=internal_user,
            internal_group=internal_group,
            login_user=login_user,
        )
    )


def wait_for_greeting(port, process, log, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"Dovecot stopped: {log()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
                if connection.recv(100).startswith(b"* OK"):
                    return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"Dovecot did not answer on port {port}: {log()}")


def run_dovecot(tls=False):
    """Start Dovecot (with TLS: `make_certificates`, IMAPS and STARTTLS); yields a Dovecot,
    stops it and removes its folder afterwards."""
    binary = dovecot_binary()
    # Not under pytest's tmp_path: its parents are private to the user, and Dovecot's
    # unprivileged processes must reach their sockets and the maildir.
    root = Path(tempfile.mkdtemp(prefix="cchc-dovecot-"))
    root.chmod(0o755)
    port = free_port()
    tls_port = 0
    while tls and tls_port in (0, port):
        tls_port = free_port()
    if tls:
        make_certificates(root)
    write_configuration(root, port, tls_port)
    process = subprocess.Popen(
        [binary, "-F", "-c", str(root / "dovecot.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = Dovecot(port, USER, PASSWORD, root, tls_port)
    try:
        wait_for_greeting(port, process, server.log)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(root, ignore_errors=True)
