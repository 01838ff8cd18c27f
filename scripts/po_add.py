#!/usr/bin/env python3
"""Add or update Vietnamese translations in one catalogue and compile it.

    .venv/bin/python scripts/po_add.py bulletin translations.json

`translations.json` maps msgid to msgstr ({"Correct": "Đính chính"}); a plural entry is
given as {"msgid": ..., "msgid_plural": ..., "msgstr": ...}. Safe to run from several shells
at once (the catalogue is locked while it is rewritten). `make messages` afterwards adds the
source references and drops what the code no longer uses.
"""

import fcntl
import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def catalogue(app):
    base = ROOT / "locale" if app in ("", ".", "portal") else ROOT / app / "locale"
    return base / "vi" / "LC_MESSAGES" / "django.po"


def update(po, entries):
    for entry in entries:
        msgid, plural, msgstr = entry["msgid"], entry.get("msgid_plural"), entry["msgstr"]
        found = po.find(msgid)
        if found is None:
            found = polib.POEntry(msgid=msgid)
            if plural:
                found.msgid_plural = plural
            po.append(found)
        if plural:
            found.msgstr_plural = {0: msgstr}
        else:
            found.msgstr = msgstr
        if "fuzzy" in found.flags:
            found.flags.remove("fuzzy")


def main(app, path):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    entries = (
        data if isinstance(data, list) else [{"msgid": k, "msgstr": v} for k, v in data.items()]
    )
    po_path = catalogue(app)
    with open(f"/tmp/po_add_{app or 'portal'}.lock", "w") as lock:  # noqa: S108
        fcntl.flock(lock, fcntl.LOCK_EX)
        po = polib.pofile(str(po_path), wrapwidth=79)
        update(po, entries)
        po.save(str(po_path))
        command = ["msgfmt", "--check-format", "-o", str(po_path.with_suffix(".mo")), str(po_path)]
        subprocess.run(command, check=True)  # noqa: S603,S607
    print(f"{po_path.relative_to(ROOT)}: {len(entries)} entries")


if __name__ == "__main__":
    main(*sys.argv[1:3])
