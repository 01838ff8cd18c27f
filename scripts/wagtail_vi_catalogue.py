"""Rebuild the wagtail_vi catalogues from Wagtail's English msgids, keeping our translations.

Run it after upgrading Wagtail (or Django): new msgids appear untranslated (tests/test_i18n.py
then names them), msgids that were dropped are kept as obsolete entries (``#~``) so that their
translation can be reused if a string only changed slightly, and the report says what changed
per source catalogue. ``--check`` changes nothing and fails when the catalogues are not up to
date and complete. The template overrides that make Wagtail's hard-coded English translatable
(``TEMPLATE_FIXES``) are regenerated from Wagtail's templates the same way.

    .venv/bin/python scripts/wagtail_vi_catalogue.py            # update, then `make messages`
    .venv/bin/python scripts/wagtail_vi_catalogue.py --check    # CI: up to date and complete?

``--seed-from-wagtail`` fills new entries from the sources' own Vietnamese catalogues, marked
fuzzy (not compiled) so that each one is reviewed before it is used.
"""

import argparse
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import django
import polib
import wagtail

ROOT = Path(__file__).resolve().parent.parent
WAGTAIL_DIR = Path(wagtail.__file__).resolve().parent
DJANGO_DIR = Path(django.__file__).resolve().parent
APP_DIR = ROOT / "wagtail_vi"
CATALOGUE_DIR = Path("locale", "vi", "LC_MESSAGES")
DOMAINS = ("django", "djangojs")


@dataclass(frozen=True)
class Source:
    name: str  # in the report and in each entry's comment
    package: Path  # the directory that holds locale/
    domain: str = "django"
    gaps_only: bool = False  # only the msgids that the package's own Vietnamese lacks

    def catalogue(self, language):
        return self.package / "locale" / language / "LC_MESSAGES" / f"{self.domain}.po"


# The catalogues whose strings editors, heads, the CCHC office and the leadership meet in the
# admin, by priority (a msgid shared by two catalogues is listed under the first one).
SOURCES = [
    Source("wagtail/admin", WAGTAIL_DIR / "admin"),
    Source("wagtail/core", WAGTAIL_DIR),  # page models, workflow states, audit log actions
    Source("wagtail/documents", WAGTAIL_DIR / "documents"),
    Source("wagtail/images", WAGTAIL_DIR / "images"),
    Source("wagtail/users", WAGTAIL_DIR / "users"),
    Source("wagtail/snippets", WAGTAIL_DIR / "snippets"),
    Source("wagtail/locales", WAGTAIL_DIR / "locales"),
    Source("wagtail/search", WAGTAIL_DIR / "search"),
    Source("wagtail/sites", WAGTAIL_DIR / "sites"),
    Source("wagtail/embeds", WAGTAIL_DIR / "embeds"),
    Source("wagtail/contrib/settings", WAGTAIL_DIR / "contrib" / "settings"),
    Source("wagtail/contrib/redirects", WAGTAIL_DIR / "contrib" / "redirects"),
    # The admin shows "3 hours ago" with django.contrib.humanize, which is not an installed
    # app: its own catalogue is never loaded.
    Source("django/humanize", DJANGO_DIR / "contrib" / "humanize"),
    # Form validation, the CSRF failure page, passwords: only what Django leaves untranslated.
    Source("django/core", DJANGO_DIR / "conf", gaps_only=True),
    Source("django/auth", DJANGO_DIR / "contrib" / "auth", gaps_only=True),
    Source("wagtail/admin", WAGTAIL_DIR / "admin", domain="djangojs"),
]

# Strings that Wagtail's templates hard-code in English: each override is Wagtail's template with
# these replacements, written into wagtail_vi/templates (listed before wagtail.admin, it wins).
TEMPLATE_FIXES = {
    "wagtailadmin/shared/headers/_actions.html": [
        ("{# Actions divider #}", "{% load i18n %}{# Actions divider #}"),
        ('aria-label="Actions"', "aria-label=\"{% translate 'Actions' %}\""),
    ],
    "wagtailadmin/shared/header.html": [
        ('value="Search"', "value=\"{% translate 'Search' %}\""),
    ],
    "wagtailadmin/home.html": [
        ('value="Search"', "value=\"{% translate 'Search' %}\""),
    ],
    # Wagtail titles the status panel "In Moderation" also while the workflow waits for the
    # author's changes, under "<when it was submitted> by <its author>": the editor must read
    # that the item was sent back, when and by whom.
    "wagtailadmin/shared/side_panels/includes/status/workflow.html": [
        (
            "{% trans 'In Moderation' as title %}",
            "{% if workflow_state.status == 'needs_changes' %}"
            "{% trans 'Changes requested' as title %}"
            "{% else %}{% trans 'In Moderation' as title %}{% endif %}",
        ),
        (
            "{% timesince_last_update workflow_state.created_at user_display_name="
            "workflow_state.requested_by|user_display_name use_shorthand=True as help_text %}",
            "{% if workflow_state.status == 'needs_changes' %}"
            "{% timesince_last_update workflow_state.current_task_state.finished_at "
            "user_display_name=workflow_state.current_task_state.finished_by|user_display_name "
            "use_shorthand=True as help_text %}"
            "{% else %}{% timesince_last_update workflow_state.created_at user_display_name="
            "workflow_state.requested_by|user_display_name use_shorthand=True as help_text %}"
            "{% endif %}",
        ),
    ],
    # The breadcrumbs tag's classname defaults to None, which the template printed into the
    # class attribute ("w-scrollbar-thin None") on every admin screen with breadcrumbs.
    "wagtailadmin/shared/breadcrumbs.html": [
        (
            "{{ classname }} {% if is_expanded %}",
            '{{ classname|default_if_none:"" }} {% if is_expanded %}',
        ),
    ],
    # Title Case is an English convention: "Trang Tin Của Đơn Vị" reads wrong in Vietnamese.
    "wagtailadmin/reports/listing/_list_page_types_usage.html": [
        ("{{ page_type.name|title }}", "{{ page_type.name|capfirst }}"),
    ],
}
TEMPLATE_NOTE = (
    "{# Generated by scripts/wagtail_vi_catalogue.py from Wagtail's template of the same name: "
    "do not edit. #}\n"
)

HEADER_COMMENT = (
    "Vietnamese translation of the Wagtail admin for the CCHC portal.\n"
    "The msgids are Wagtail's; rebuild with scripts/wagtail_vi_catalogue.py, translate by hand."
)
HEADER = {
    "Project-Id-Version": f"wagtail-vi {wagtail.__version__}",
    "Last-Translator": "CCHC portal maintainers",
    "Language-Team": "Vietnamese",
    "Language": "vi",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}


@dataclass
class Report:
    domain: str
    total: int
    translated: int
    added: list
    obsoleted: list
    per_source: dict

    def lines(self):
        yield f"{self.domain}: {self.translated}/{self.total} translated"
        for source, (translated, total) in self.per_source.items():
            yield f"  {source}: {translated}/{total}"
        for msgid in self.added:
            yield f"  new: {msgid!r}"
        for msgid in self.obsoleted:
            yield f"  obsolete: {msgid!r}"


# Django's Vietnamese calls the reader "bạn"; ours says "anh/chị", as the Department writes to
# civil servants: such entries count as gaps and are translated here again.
INFORMAL_YOU = re.compile(r"\bbạn\b", re.IGNORECASE)


def translated_msgids(path):
    if not path.exists():
        return set()
    return {
        entry.msgid
        for entry in polib.pofile(str(path))
        if entry.translated()
        and not INFORMAL_YOU.search(" ".join([entry.msgstr, *entry.msgstr_plural.values()]))
    }


def source_msgids(domain):
    """{msgid: (source name, English entry)} over SOURCES, first source first."""
    found = {}
    for source in SOURCES:
        if source.domain != domain:
            continue
        path = source.catalogue("en")
        if not path.exists():
            raise SystemExit(f"{path} is missing: update SOURCES for this version")
        covered = translated_msgids(source.catalogue("vi")) if source.gaps_only else set()
        for entry in polib.pofile(str(path)):
            if entry.msgid and not entry.obsolete and entry.msgid not in covered:
                found.setdefault(entry.msgid, (source.name, entry))
    return found


def sources_vietnamese(domain):
    """The sources' own Vietnamese translations, for --seed-from-wagtail."""
    translations = {}
    for source in reversed(SOURCES):
        path = source.catalogue("vi")
        if source.domain == domain and path.exists():
            for entry in polib.pofile(str(path)):
                if entry.translated():
                    translations[entry.msgid] = entry
    return translations


def new_entry(source, english):
    entry = polib.POEntry(
        msgid=english.msgid,
        msgid_plural=english.msgid_plural,
        msgstr="",
        msgstr_plural={0: ""} if english.msgid_plural else {},
        flags=[flag for flag in english.flags if flag != "fuzzy"],
    )
    entry.comment = source
    return entry


def copy_translation(entry, other):
    if entry.msgid_plural:
        entry.msgstr_plural = {0: (other.msgstr_plural or {}).get(0, "") or other.msgstr}
    else:
        entry.msgstr = other.msgstr or (other.msgstr_plural or {}).get(0, "")


def rebuild(domain, existing, seed=None):
    """The catalogue for `domain`: the sources' msgids with the translations of `existing`."""
    current = {e.msgid: e for e in existing if not e.obsolete} if existing else {}
    old_obsolete = {e.msgid: e for e in existing if e.obsolete} if existing else {}
    po = polib.POFile(wrapwidth=100)
    po.header = HEADER_COMMENT
    po.metadata = dict(HEADER)
    revised = existing.metadata.get("PO-Revision-Date") if existing else None
    po.metadata["PO-Revision-Date"] = revised or f"{date.today():%Y-%m-%d} 00:00+0700"
    added, per_source = [], {}
    for msgid, (source, english) in source_msgids(domain).items():
        entry = new_entry(source, english)
        previous = current.get(msgid) or old_obsolete.get(msgid)
        if previous is not None:
            copy_translation(entry, previous)
            if "fuzzy" in previous.flags:
                entry.flags.append("fuzzy")
        else:
            added.append(msgid)
            if seed and msgid in seed:
                copy_translation(entry, seed[msgid])
                entry.flags.append("fuzzy")
        po.append(entry)
        done, total = per_source.get(source, (0, 0))
        per_source[source] = (done + entry.translated(), total + 1)
    kept = {entry.msgid for entry in po}
    obsoleted = [msgid for msgid in current if msgid not in kept]
    for msgid in obsoleted:
        current[msgid].obsolete = True
        po.append(current[msgid])
    for msgid, stale in old_obsolete.items():
        if msgid not in kept and msgid not in current:
            po.append(stale)
    report = Report(
        domain=domain,
        total=sum(total for _, total in per_source.values()),
        translated=sum(done for done, _ in per_source.values()),
        added=added if existing else [],
        obsoleted=obsoleted,
        per_source=per_source,
    )
    return po, report


def template_overrides(app_dir):
    """{path of the override: its text}, from Wagtail's templates and TEMPLATE_FIXES."""
    overrides = {}
    for name, replacements in TEMPLATE_FIXES.items():
        text = (WAGTAIL_DIR / "admin" / "templates" / name).read_text(encoding="utf-8")
        for old, new in replacements:
            if text.count(old) != 1:
                raise SystemExit(f"{name}: {old!r} is not in Wagtail's template once: update it")
            text = text.replace(old, new)
        overrides[app_dir / "templates" / name] = TEMPLATE_NOTE + text
    return overrides


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if not up to date")
    parser.add_argument("--seed-from-wagtail", action="store_true")
    parser.add_argument("--quiet", action="store_true", help="only the totals")
    parser.add_argument("--app-dir", type=Path, default=APP_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    stale = False
    for domain in DOMAINS:
        path = args.app_dir / CATALOGUE_DIR / f"{domain}.po"
        existing = polib.pofile(str(path)) if path.exists() else None
        seed = sources_vietnamese(domain) if args.seed_from_wagtail else None
        po, report = rebuild(domain, existing, seed)
        for number, line in enumerate(report.lines()):
            if number == 0 or not args.quiet:
                print(line)
        if args.check:
            stale = stale or bool(report.added or report.obsoleted)
            stale = stale or report.translated < report.total
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            po.save(str(path))
    for path, text in template_overrides(args.app_dir).items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            print(f"template override out of date: {path.relative_to(args.app_dir)}")
            if args.check:
                stale = True
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
