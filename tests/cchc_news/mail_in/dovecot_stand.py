"""A real IMAP server for the tests: Debian's Dovecot (scripts/system-deps.sh installs it),
started on a free port with its own configuration, a passwd-file user and a maildir in a
temporary folder; no system service, no root needed.

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
ssl = no
# Plaintext logins over loopback only: the listener binds 127.0.0.1.
disable_plaintext_auth = no
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
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


@dataclass
class Dovecot:
    port: int
    user: str
    password: str
    root: Path

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


def write_configuration(root, port):
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


def run_dovecot():
    """Start Dovecot; yields a Dovecot, stops it and removes its folder afterwards."""
    binary = dovecot_binary()
    # Not under pytest's tmp_path: its parents are private to the user, and Dovecot's
    # unprivileged processes must reach their sockets and the maildir.
    root = Path(tempfile.mkdtemp(prefix="cchc-dovecot-"))
    root.chmod(0o755)
    port = free_port()
    write_configuration(root, port)
    process = subprocess.Popen(
        [binary, "-F", "-c", str(root / "dovecot.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = Dovecot(port, USER, PASSWORD, root)
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
