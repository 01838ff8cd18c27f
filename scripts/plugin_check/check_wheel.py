"""The wheel holds exactly the six apps: every file of theirs in the source tree (code,
templates, static files, catalogues, migrations, schema), and nothing of the host project,
tests, bench or scripts.

Usage: python check_wheel.py WHEEL SOURCE_DIR
"""

import sys
import zipfile
from pathlib import Path

APPS = ["cchc_news", "workflows", "bulletin", "participation", "subscriptions", "wagtail_vi"]


def source_files(root):
    for app in APPS:
        for path in (root / app).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                yield path.relative_to(root).as_posix()


def main(wheel, source):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    missing = sorted(set(source_files(Path(source))) - set(names))
    print(f"wheel: {len(names)} files; top-level: {', '.join(sorted(tops))}")
    for app in APPS:
        kinds = {}
        for name in names:
            if name.startswith(app + "/"):
                part = next((p for p in ("templates", "static", "locale", "migrations")
                             if f"/{p}/" in name), "code and data")
                kinds[part] = kinds.get(part, 0) + 1
        print(f"  {app}: " + ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items())))
    if tops != set(APPS):
        sys.exit(f"FAIL: the wheel's packages are {sorted(tops)}, not {APPS}")
    if missing:
        sys.exit("FAIL: not in the wheel: " + ", ".join(missing))
    print("ok: the wheel holds the six apps, all their files, and nothing else")


if __name__ == "__main__":
    main(*sys.argv[1:])
