"""Make a `wagtail start` project install the plugin as the README's "Install into your Wagtail
site" says: append settings_snippet.py (the README's settings block, word for word) to its
settings/base.py, where it restates INSTALLED_APPS and MIDDLEWARE, and add the plugin's URLs.

Usage: python configure_project.py PROJECT_DIR PROJECT_NAME. Fails if the generated files do not
read as expected (a new Wagtail template): the README would need the same change.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# (line of the generated urls.py, the same line with the plugin's URLs around it)
URL_EDITS = [
    (
        '    path("admin/", include(wagtailadmin_urls)),\n',
        '    path("admin/", include("wagtail_vi.urls")),  # CCHC: before Wagtail\'s admin\n'
        '    path("admin/", include(wagtailadmin_urls)),\n',
    ),
    (
        '    path("search/", search_views.search, name="search"),\n',
        '    path("search/", search_views.search, name="search"),\n'
        '    path("", include("cchc_news.public.urls")),  # CCHC: the news feeds\n'
        '    path("", include("bulletin.urls")),  # CCHC: the bulletins\' feed\n',
    ),
]


def edit(path, old, new):
    text = path.read_text()
    if text.count(old) != 1:
        sys.exit(f"{path}: expected exactly one {old!r}")
    path.write_text(text.replace(old, new))


def main(project_dir, name):
    package = Path(project_dir) / name
    base = package / "settings" / "base.py"
    base.write_text(base.read_text() + "\n\n" + (HERE / "settings_snippet.py").read_text())
    for old, new in URL_EDITS:
        edit(package / "urls.py", old, new)
    print(f"configured {base} and {package / 'urls.py'}")


if __name__ == "__main__":
    main(*sys.argv[1:])
