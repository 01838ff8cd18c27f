"""Run inside a fresh `wagtail start` project that installed the cchc-news wheel.

Checks, with Django's test client, what a host needs first: an agency's editor opens the add
form of a news item and saves a draft through it; the section's public pages render with the
plugin's own layout (cchc/base.html from the installed package) and without the draft; once
published, the item has its page and is in the listing and the feed. Prints each check; exits
non-zero at the first failure.

Usage (from the project's folder): python check_site.py  (DJANGO_SETTINGS_MODULE as manage.py)
"""

import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "testsite.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from wagtail.test.utils.form_data import rich_text  # noqa: E402

import cchc_news  # noqa: E402
from cchc_news.models import Agency, AgencyKind, CCHCSectionPage, NewsItemPage, Topic  # noqa: E402

PACKAGE_DIR = Path(cchc_news.__file__).resolve().parent
TITLE = "Một cửa liên thông hiện đại"
PASSWORD = "plugin-check-2026"  # noqa: S105 - a throw-away user of a throw-away site


def check(condition, message):
    if not condition:
        print(f"FAIL: {message}")
        sys.exit(1)
    print(f"ok: {message}")


class FormFields(HTMLParser):
    """The fields a browser would submit from each form (no button pressed), as its HTML has
    them: what scripts add (Wagtail's comments) is not there, nor fields in a <template>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.form, self.textarea, self.select = [], None, None, None
        self.in_template = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "template":
            self.in_template += 1
        elif tag == "form":
            self.form = []
            self.forms.append(self.form)
        elif self.form is None or self.in_template or "disabled" in attrs:
            return
        elif tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.form.append((attrs["name"], attrs.get("value", default)))
        elif tag == "textarea" and attrs.get("name"):
            self.textarea = [attrs["name"], ""]
        elif tag == "select" and attrs.get("name"):
            self.select = {"name": attrs["name"], "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self.select is not None:
            self.select["options"].append((attrs.get("value", ""), "selected" in attrs))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template -= 1
        elif tag == "form":
            self.form = None
        elif tag == "textarea" and self.textarea is not None:
            name, value = self.textarea
            # Browsers drop the newline that follows <textarea>.
            self.form.append((name, value[1:] if value.startswith("\n") else value))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            options = self.select["options"]
            chosen = [value for value, selected in options if selected]
            if not chosen and options and not self.select["multiple"]:
                chosen = [options[0][0]]  # a single select submits its first option
            self.form += [(self.select["name"], value) for value in chosen]
            self.select = None


def form_data(html):
    parser = FormFields()
    parser.feed(html)
    forms = [fields for fields in parser.forms if any(name == "title" for name, _ in fields)]
    check(len(forms) == 1, "the add form of a news item has one form with a title field")
    data = {}
    for name, value in forms[0]:
        data.setdefault(name, []).append(value)
    return {name: values[0] if len(values) == 1 else values for name, values in data.items()}


def make_editor():
    kind, _ = AgencyKind.objects.get_or_create(name="Sở, ban, ngành")
    agency = Agency.objects.create(name="Sở Tư pháp", short_name="STP", code="stp", kind=kind)
    agency.refresh_from_db()
    check(agency.editors_group_id is not None, "a new agency gets its editors group")
    check(agency.index_page is not None, "a new agency gets its news space under the section")
    editor = get_user_model().objects.create_user(
        username="stp.bientap", email="stp.bientap@example.com", password=PASSWORD
    )
    editor.groups.add(agency.editors_group)
    return agency, editor


def check_editor_saves_a_draft(agency, editor):
    topic, _ = Topic.objects.get_or_create(name="Kết quả", defaults={"slug": "ket-qua"})
    client = Client()
    check(client.login(username=editor.username, password=PASSWORD), "the editor logs in")
    parent = agency.index_page
    url = reverse("wagtailadmin_pages:add", args=("cchc_news", "newsitempage", parent.pk))
    response = client.get(url)
    check(response.status_code == 200, f"the editor opens the add form ({url})")
    data = form_data(response.content.decode())
    data |= {
        # The management form of the comments, which Wagtail's script writes into the form.
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "title": TITLE,
        "summary": "Sở Tư pháp rút ngắn thời gian giải quyết hồ sơ.",
        "body": rich_text("<p>Nội dung chi tiết về cải cách hành chính.</p>"),
        "topic": str(topic.pk),
    }
    response = client.post(url, data)
    errors = re.findall(r'(?s)class="error-message">\s*(.*?)\s*<', response.content.decode())
    check(response.status_code == 302, f"posting the form saves the item (errors: {errors})")
    item = NewsItemPage.objects.get(title=TITLE)
    check(item.get_parent().pk == agency.index_page.pk, "the item is in the agency's space")
    check(not item.live and item.has_unpublished_changes, "the item is a draft")
    check(item.owner_id == editor.pk and item.agency == agency, "its owner and agency are set")


def check_public_page(url):
    """The page at `url` renders with the installed plugin's own layout; its HTML."""
    plugin_base = PACKAGE_DIR / "templates" / "cchc" / "base.html"
    response = Client().get(url)
    check(response.status_code == 200, f"the public page {url} renders")
    origins = {t.name: t.origin.name for t in response.templates if t.origin}
    check(
        origins.get("cchc/base.html") == str(plugin_base),
        f"{url} uses the plugin's base template ({plugin_base})",
    )
    content = response.content.decode()
    check(content.startswith("<!DOCTYPE html>") and "</html>" in content, f"{url} is a whole page")
    check("cchc_news/css/public.css" in content, f"{url} links the plugin's stylesheet")
    return content


def check_public_pages(agency):
    section = CCHCSectionPage.objects.live().get()
    check_public_page(section.url)
    check_public_page(agency.index_page.url)
    listing = check_public_page(section.url + "tin-bai/")
    found = check_public_page(section.url + "tim-kiem/?q=mot+cua")
    check(TITLE not in listing + found, "the listing and the search do not show the draft")
    check(finders.find("cchc_news/css/public.css") is not None, "the stylesheet is a static file")


def check_publication():
    """Publishing runs every app's receivers (page cache, feeds, WebSub, search index)."""
    item = NewsItemPage.objects.get(title=TITLE)
    item.get_latest_revision().publish()
    item.refresh_from_db()
    check(item.live, "the draft publishes")
    check_public_page(item.url)
    section = CCHCSectionPage.objects.live().get()
    check(TITLE in check_public_page(section.url + "tin-bai/"), "the listing shows the item")
    feed = reverse("cchc_news:feed_news", kwargs={"fmt": "atom"})
    response = Client().get(feed)
    check(response.status_code == 200, f"the news feed {feed} answers")
    check(TITLE in response.content.decode(), "the feed holds the item")


def main():
    setup_test_environment()  # the test client records the templates used; e-mail stays here
    check(
        str(PACKAGE_DIR).startswith(sys.prefix),
        f"cchc_news is the installed package ({PACKAGE_DIR})",
    )
    agency, editor = make_editor()
    check_editor_saves_a_draft(agency, editor)
    check_public_pages(agency)
    check_publication()
    print("plugin check: all passed")


if __name__ == "__main__":
    main()
