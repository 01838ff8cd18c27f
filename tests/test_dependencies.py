"""Declared dependencies and the lock files.

- Every package the code imports is declared: the plugin's apps in pyproject's dependencies (or
  its extras) and in requirements.in; the host project (site/) in requirements.in; the tests,
  benchmarks and scripts in requirements.in or requirements-dev.in. Imports are read with ast
  (inside functions too) and mapped to distributions with packages_distributions().
- Nothing is declared that no code imports, except what is used another way (UNIMPORTED).
- The locks (requirements.txt, requirements-dev.txt, made by `make lock`) pin every package
  with hashes, satisfy every direct requirement and pyproject's ranges, and agree.
- The running environment is the lock: what `make venv` installs (pip --require-hashes).
"""

import ast
import importlib.metadata
import sys
import tomllib
from functools import cache
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_APPS = ("cchc_news", "workflows", "bulletin", "participation", "wagtail_vi")
DEV_CODE = ("tests", "bench", "scripts")
LOCKS = [("requirements.in", "requirements.txt"), ("requirements-dev.in", "requirements-dev.txt")]
# Declared but imported by no module: used by name in settings, on the command line or by
# Django's database backend.
UNIMPORTED = {
    "gunicorn": "the production web server (a command)",
    "whitenoise": "a MIDDLEWARE entry (a dotted string)",
    "psycopg2-binary": "Django's PostgreSQL backend imports it",
    "hiredis": "redis-py parses replies with it when it is installed",
    "honcho": "runs Procfile.embedded for `make run` (a command)",
    "pytest-django": "a pytest plugin",
    "pytest-timeout": "a pytest plugin",
    "pytest-xdist": "a pytest plugin (`make test`'s -n)",
    "ruff": "the linter (a command)",
    "import-linter": "lint-imports (a command, tests/test_architecture.py)",
    "pip-tools": "`make lock` (a command)",
    "pip-audit": "`make audit` (run as python -m pip_audit)",
    "pip": "installs the lock",
}

# Imported by the host project only when configured so, and not installed by requirements.txt:
# declared in requirements-dev.in (the tests use them) and as an extra of pyproject.toml.
OPTIONAL = {
    "sentry-sdk": "site/portal/sentry.py, only with SENTRY_DSN set (the [sentry] extra)",
}


def first_party(name, path):
    bases = (ROOT, ROOT / "site", path.parent)
    return any((base / name).is_dir() or (base / f"{name}.py").is_file() for base in bases)


def imported_modules(path):
    """Top-level names of the absolute imports of one file, stdlib and first-party left out."""
    tree = ast.parse(path.read_text(), str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return {
        name
        for name in names
        if name not in sys.stdlib_module_names
        and name != "__future__"
        and not first_party(name, path)
    }


def imported_distributions(*folders):
    """{distribution: a file importing it} for every .py under the folders."""
    providers = importlib.metadata.packages_distributions()
    found = {}
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for module in imported_modules(path):
                dists = providers.get(module)
                assert dists, f"{path.relative_to(ROOT)} imports {module}, which nothing provides"
                for dist in dists:
                    found.setdefault(canonicalize_name(dist), path.relative_to(ROOT))
    return found


def read_in(name):
    """The direct requirements of a .in file, following its -r lines."""
    found = {}
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r"):
            found.update(read_in(line[2:].strip()))
        elif line and not line.startswith("-"):
            req = Requirement(line)
            found[canonicalize_name(req.name)] = req
    return found


@cache
def read_lock(name):
    """{distribution: (version, hashes)} of a pip-compile output, continuation lines joined."""
    text = (ROOT / name).read_text().replace("\\\n", " ")
    found = {}
    for line in text.splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        spec, *options = line.split("--hash=")
        req = Requirement(spec.strip())
        assert len(req.specifier) == 1, f"{name}: {line} is not pinned"
        (pin,) = req.specifier
        assert pin.operator == "==", f"{name}: {line} is not pinned with =="
        found[canonicalize_name(req.name)] = (pin.version, [o.strip() for o in options])
    return found


def pyproject_requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        lines += extra
    return {canonicalize_name(Requirement(line).name): Requirement(line) for line in lines}


def undeclared(imported, declared):
    return {dist: str(path) for dist, path in imported.items() if dist not in declared}


def test_the_plugin_apps_declare_what_they_import():
    imported = imported_distributions(*PLUGIN_APPS)
    assert {"modelsearch", "django-filter", "django-modelcluster", "beautifulsoup4"} <= set(
        imported
    )
    assert undeclared(imported, pyproject_requirements()) == {}
    assert undeclared(imported, read_in("requirements.in")) == {}


def test_the_host_project_declares_what_it_imports():
    imported = imported_distributions("site")
    assert "pillow" in imported
    required = {dist: path for dist, path in imported.items() if dist not in OPTIONAL}
    assert undeclared(required, read_in("requirements.in")) == {}


def test_optional_packages_are_extras_and_development_requirements():
    assert set(OPTIONAL) <= set(pyproject_requirements()) & set(read_in("requirements-dev.in"))
    assert not set(OPTIONAL) & set(read_in("requirements.in"))


def test_the_tests_and_tools_declare_what_they_import():
    imported = imported_distributions(*DEV_CODE)
    assert undeclared(imported, read_in("requirements-dev.in")) == {}


def test_nothing_is_declared_that_nothing_uses():
    imported = imported_distributions(*PLUGIN_APPS, "site", *DEV_CODE)
    unused = set(read_in("requirements-dev.in")) - set(imported) - set(UNIMPORTED)
    assert unused == set(), "declared, imported nowhere: drop it, or say why in UNIMPORTED"
    assert "filetype" not in read_in("requirements-dev.in")


@pytest.mark.parametrize("lock", [lock for _, lock in LOCKS])
def test_the_lock_pins_every_package_with_a_hash(lock):
    locked = read_lock(lock)
    assert len(locked) > 50
    for dist, (_version, hashes) in locked.items():
        assert hashes, f"{lock}: {dist} has no --hash"
        assert all(h.startswith("sha256:") and len(h) == 71 for h in hashes), dist


@pytest.mark.parametrize("source, lock", LOCKS)
def test_every_direct_requirement_is_locked_at_a_version_it_allows(source, lock):
    locked = read_lock(lock)
    for dist, req in read_in(source).items():
        assert dist in locked, f"{dist} ({source}) is not in {lock}: run `make lock`"
        assert req.specifier.contains(Version(locked[dist][0]), prereleases=True), (
            f"{lock} has {dist}=={locked[dist][0]}, {source} wants {req}: run `make lock`"
        )


def test_the_plugins_ranges_allow_the_locked_versions():
    locked = read_lock("requirements.txt")
    for dist, req in pyproject_requirements().items():
        if dist in locked:
            assert req.specifier.contains(Version(locked[dist][0])), (dist, req)


def test_the_development_lock_has_the_runtime_lock_in_it():
    runtime, dev = read_lock("requirements.txt"), read_lock("requirements-dev.txt")
    assert {d: v for d, (v, _) in runtime.items()} == {d: dev[d][0] for d in runtime if d in dev}
    assert set(runtime) <= set(dev)


def test_the_running_environment_is_the_lock():
    """`make venv` installs requirements-dev.txt; a package at another version (or missing)
    means the environment is stale (`make venv`) or was changed by hand."""
    wrong = {}
    for dist, (version, _) in read_lock("requirements-dev.txt").items():
        try:
            installed = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            installed = None
        if installed is None or Version(installed) != Version(version):
            wrong[dist] = (version, installed)
    assert wrong == {}, "locked version, installed version"
