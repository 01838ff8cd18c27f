"""deploy/systemd: the three units and their target run what the README's production set-up
runs, restart for ever, stop gracefully and keep their hardening; `systemd-analyze verify`
accepts them where systemd is installed."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNITS = ROOT / "deploy" / "systemd"
SERVICES = ("cchc-web", "cchc-worker", "cchc-beat")
VENV_BIN = "/srv/cchc/.venv/bin"

HARDENING = {
    "NoNewPrivileges": "yes",
    "CapabilityBoundingSet": "",
    "AmbientCapabilities": "",
    "ProtectSystem": "strict",
    "ProtectHome": "yes",
    "PrivateTmp": "yes",
    "PrivateDevices": "yes",
    "ProtectKernelTunables": "yes",
    "ProtectKernelModules": "yes",
    "ProtectControlGroups": "yes",
    "RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX",
    "RestrictNamespaces": "yes",
    "LockPersonality": "yes",
    "MemoryDenyWriteExecute": "yes",
    "SystemCallArchitectures": "native",
    "UMask": "0027",
}


def parse_unit(path):
    """{section: {key: [values]}}: systemd's syntax, where a key may repeat and a line ending
    in a backslash goes on."""
    sections, section, pending = {}, None, ""
    for raw in path.read_text().splitlines():
        line = pending + raw.strip()
        if line.endswith("\\"):
            pending = line[:-1] + " "
            continue
        pending = ""
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = sections.setdefault(line.strip("[]"), {})
            continue
        key, _, value = line.partition("=")
        section.setdefault(key.strip(), []).append(" ".join(value.split()))
    return sections


def service(name):
    return parse_unit(UNITS / f"{name}.service")


def value(unit, section, key):
    values = unit[section][key]
    assert len(values) == 1, (key, values)
    return values[0]


@pytest.mark.parametrize("name", SERVICES)
def test_each_service_runs_as_the_portal_from_its_checkout(name):
    unit = service(name)
    assert value(unit, "Service", "User") == "cchc"
    assert value(unit, "Service", "WorkingDirectory") == "/srv/cchc"
    assert value(unit, "Service", "EnvironmentFile") == "/srv/cchc/.env"
    assert "PYTHONPATH=/srv/cchc/site:/srv/cchc" in " ".join(unit["Service"]["Environment"])
    assert value(unit, "Service", "ExecStart").startswith(VENV_BIN + "/")
    assert value(unit, "Unit", "PartOf") == "cchc.target"
    assert value(unit, "Install", "WantedBy") == "cchc.target"


@pytest.mark.parametrize("name", SERVICES)
def test_each_service_comes_back_and_stops_gracefully(name):
    unit = service(name)
    assert value(unit, "Service", "Restart") == "always"
    assert int(value(unit, "Service", "RestartSec")) > 0
    assert value(unit, "Unit", "StartLimitIntervalSec") == "0"  # never gives up
    assert value(unit, "Service", "KillSignal") == "SIGTERM"
    assert value(unit, "Service", "KillMode") == "mixed"  # the main process stops its children


@pytest.mark.parametrize("name", SERVICES)
def test_each_service_keeps_its_hardening(name):
    unit = service(name)
    for key, expected in HARDENING.items():
        assert value(unit, "Service", key) == expected, key


def test_the_commands_are_the_readmes():
    """The production set-up's commands, with options that put files outside the checkout."""
    readme = (ROOT / "README.md").read_text()
    commands = re.findall(r"^\.venv/bin/((?:gunicorn|celery) [^#\n]*?)\s+#", readme, re.M)
    assert len(commands) == 3
    for name, readme_command in zip(SERVICES, commands, strict=True):
        command = value(service(name), "Service", "ExecStart")
        assert command.startswith(f"{VENV_BIN}/{readme_command}"), name


def test_the_web_listens_where_nginx_sends_requests():
    command = value(service("cchc-web"), "Service", "ExecStart")
    bind = re.search(r"--bind (\S+)", command).group(1)
    upstream = (ROOT / "deploy" / "nginx" / "cchc.conf").read_text()
    assert re.search(r"upstream cchc_app \{\s*server " + re.escape(bind) + ";", upstream)


def test_only_what_each_service_writes_is_writable():
    assert value(service("cchc-web"), "Service", "ReadWritePaths") == "/srv/cchc/media"
    assert value(service("cchc-worker"), "Service", "ReadWritePaths") == "/srv/cchc/media"
    beat = service("cchc-beat")
    assert "ReadWritePaths" not in beat["Service"]
    assert value(beat, "Service", "StateDirectory") == "cchc"
    assert "--schedule /var/lib/cchc/celerybeat-schedule" in value(beat, "Service", "ExecStart")


def test_the_worker_has_time_to_finish_its_tasks():
    assert int(value(service("cchc-worker"), "Service", "TimeoutStopSec")) >= 300


def test_the_target_starts_all_three():
    target = parse_unit(UNITS / "cchc.target")
    assert target["Unit"]["Wants"] == [" ".join(f"{name}.service" for name in SERVICES)]
    assert value(target, "Install", "WantedBy") == "multi-user.target"


def units_moved_to(tmp_path):
    """The units with /srv/cchc moved into `tmp_path`: verify checks that the programs exist."""
    venv_bin = Path(sys.executable).parent  # the tests' own venv, with gunicorn and celery
    root = tmp_path / "srv"
    (root / ".venv").mkdir(parents=True)
    (root / ".venv" / "bin").symlink_to(venv_bin)
    (root / "media").mkdir()
    (root / ".env").touch()
    moved = []
    for path in sorted(UNITS.iterdir()):
        target = tmp_path / path.name
        target.write_text(path.read_text().replace("/srv/cchc", str(root)))
        moved.append(str(target))
    return moved


def test_systemd_accepts_the_units(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd is not installed here; the checks above still ran")
    result = subprocess.run(
        [analyze, "verify", "--man=no", *units_moved_to(tmp_path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    # An unknown key or a bad value is only a warning for systemd: any output fails the test.
    assert (result.returncode, result.stdout + result.stderr) == (0, "")
