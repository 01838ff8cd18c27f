"""The Wagtail admin reads in Vietnamese on every screen our users meet (the wagtail_vi app).

Each screen is rendered as the role that uses it; any visible piece of text that is an English
msgid of Wagtail's catalogues (or of the Django ones the admin uses) is a leftover when the active
catalogue has no Vietnamese for it, or when it is shown in English all the same (a string that
Wagtail's templates hard-code). No hand-kept list: a Wagtail upgrade that adds an untranslated
string fails here.
"""

import importlib.util
import json
import re
import shutil
from datetime import timedelta
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import django
import polib
import pytest
import wagtail
from django.conf import settings
from django.urls import resolve, reverse
from django.utils import timezone, translation
from django.utils.translation import trans_real
from wagtail.contrib.redirects.models import Redirect
from wagtail.users.models import UserProfile

from tests.admin_forms import news_item_form
from tests.db_snapshots import replayed
from tests.factories import NewsItemPageFactory, TopicFactory
from tests.workflows.builders import draft_item, make_document, start_review
from tests.workflows.helpers import add_url, current_task_state, edit_url
from wagtail_vi.views import localized_js_catalog

ROOT = Path(__file__).resolve().parent.parent
WAGTAIL_DIR = Path(wagtail.__file__).resolve().parent
DJANGO_DIR = Path(django.__file__).resolve().parent
OUR_CATALOGUES = ROOT / "wagtail_vi" / "locale" / "vi" / "LC_MESSAGES"

# Attributes whose values the user sees or hears (tooltips, button labels, screen readers).
VISIBLE_ATTRIBUTES = {
    "title",
    "aria-label",
    "aria-description",
    "placeholder",
    "alt",
    "data-w-tooltip-content-value",
    "data-w-progress-active-value",
}
HIDDEN_CONTENT = {"script", "style"}
JSON_ATTRIBUTE = "data-w-init-detail-value"  # the Draftail editor's options
JSON_TEXT_KEYS = {"label", "description", "helpText", "title"}


def normalise(text):
    return " ".join(text.split())


def english_msgids():
    """Every English msgid of Wagtail's catalogues, and of the Django ones its admin uses."""
    paths = [*WAGTAIL_DIR.glob("**/locale/en/LC_MESSAGES/django.po")] + [
        DJANGO_DIR / package / "locale/en/LC_MESSAGES/django.po"
        for package in ("conf", "contrib/auth", "contrib/humanize")
    ]
    msgids = set()
    for path in paths:
        msgids.update(normalise(e.msgid) for e in polib.pofile(str(path)) if e.msgid)
    # A Python None rendered by a template reads "None", which is also a msgid; the language
    # selector names each language in that language ("English"), on purpose.
    return msgids - {"None"} - {name for _code, name in settings.LANGUAGES}


ENGLISH = english_msgids()


class VisibleText(HTMLParser):
    """Text nodes outside script/style, visible attributes, and the JSON the admin renders.

    The sidebar menu, the editor's panels and the Draftail toolbar are drawn by JavaScript from
    JSON (script elements of type application/json, `data-w-init-detail-value`): their labels
    and the HTML they carry count as visible too.
    """

    def __init__(self):
        super().__init__()
        self.pieces = []
        self.hidden_depth = 0
        self.json_data = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in HIDDEN_CONTENT:
            self.hidden_depth += 1
            if attrs.get("type") == "application/json":
                self.json_data = []
        for name in VISIBLE_ATTRIBUTES & attrs.keys():
            self.pieces.append(attrs[name] or "")
        is_button = tag == "button" or attrs.get("type") in {"submit", "button", "reset"}
        if is_button and attrs.get("value"):
            self.pieces.append(attrs["value"])
        if attrs.get(JSON_ATTRIBUTE):
            self.pieces.extend(json_texts(json.loads(attrs[JSON_ATTRIBUTE])))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in HIDDEN_CONTENT:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in HIDDEN_CONTENT and self.hidden_depth:
            self.hidden_depth -= 1
            if self.json_data is not None:
                self.pieces.extend(json_texts(json.loads("".join(self.json_data))))
                self.json_data = None

    def handle_data(self, data):
        if not self.hidden_depth:
            self.pieces.append(data)
        elif self.json_data is not None:
            self.json_data.append(data)


def json_texts(value):
    """Labels and descriptions in JSON rendered by the admin, and the text of its HTML."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in JSON_TEXT_KEYS and isinstance(item, str):
                yield item
            else:
                yield from json_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_texts(item)
    elif isinstance(value, str) and "<" in value:
        parser = VisibleText()
        parser.feed(value)
        parser.close()
        yield from parser.pieces


def visible_text(html):
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return {normalise(piece) for piece in parser.pieces if piece.strip()}


def is_translated(msgid):
    # The merged catalogue itself: gettext() cannot tell "no entry" from "same in Vietnamese".
    catalogue = trans_real.translation(translation.get_language())._catalog
    return msgid in catalogue or (msgid, 0) in catalogue


def leftovers(html):
    """Visible English strings of Wagtail: untranslated, or shown in English all the same."""
    return sorted(
        piece
        for piece in visible_text(html)
        if piece in ENGLISH and not (is_translated(piece) and translation.gettext(piece) == piece)
    )


def page_html(response):
    assert response.status_code == 200, response
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    html = response.content.decode()
    assert '<html lang="vi"' in html
    return html


# --- the data every screen shows ------------------------------------------------------------


@pytest.fixture
def topic(db):
    return replayed("admin screens: topic", TopicFactory)


@pytest.fixture
def items(agency_a, editor_a, office_user, topic):
    """An agency's items in every state the explorer and the dashboard show."""
    return replayed(
        "admin screens: items", lambda: build_items(agency_a, editor_a, office_user, topic)
    )


def build_items(agency_a, editor_a, office_user, topic):
    published = NewsItemPageFactory(
        parent=agency_a.index_page, title="Tin đã đăng", topic=topic, owner=editor_a
    )
    published.save_revision(user=editor_a).publish(user=office_user)
    live_draft = NewsItemPageFactory(
        parent=agency_a.index_page, title="Tin đã đăng có bản nháp", topic=topic, owner=editor_a
    )
    live_draft.save_revision(user=editor_a).publish(user=office_user)
    live_draft.title = "Tin đã đăng có bản nháp (sửa)"
    live_draft.save_revision(user=editor_a)
    scheduled = draft_item(agency_a, editor_a, title="Tin hẹn giờ đăng", topic=topic)
    scheduled.go_live_at = timezone.now() + timedelta(days=7)
    scheduled.save_revision(user=editor_a).publish(user=office_user)
    draft = draft_item(agency_a, editor_a, title="Tin bản nháp", topic=topic)
    in_review = draft_item(agency_a, editor_a, title="Tin đang chờ duyệt", topic=topic)
    in_review.summary = "Tóm tắt đã sửa."
    in_review.save_revision(user=editor_a)
    start_review(in_review, editor_a)
    draft.locked, draft.locked_by, draft.locked_at = True, editor_a, timezone.now()
    draft.save(update_fields=["locked", "locked_by", "locked_at"])
    document = make_document(b"%PDF-1.4 test", "van-ban.pdf", agency_a, editor_a)
    return {
        "published": published,
        "live_draft": live_draft,
        "scheduled": scheduled,
        "draft": draft,
        "in_review": in_review,
        "document": document,
    }


def get(client, user, url, **params):
    if user is not None:
        client.force_login(user)
    return page_html(client.get(url, params))


def revisions_of(page):
    return list(page.revisions.order_by("created_at").values_list("pk", flat=True))


# --- the screens, each as the role that uses it ---------------------------------------------


def login(client, users, items):
    return get(client, None, reverse("wagtailadmin_login"))


def password_reset(client, users, items):
    return get(client, None, reverse("wagtailadmin_password_reset"))


def password_reset_sent(client, users, items):
    return get(client, None, reverse("wagtailadmin_password_reset_done"))


def dashboard_editor(client, users, items):
    return get(client, users["editor"], reverse("wagtailadmin_home"))


def dashboard_head(client, users, items):
    return get(client, users["head"], reverse("wagtailadmin_home"))


def dashboard_office(client, users, items):
    return get(client, users["office"], reverse("wagtailadmin_home"))


def dashboard_leader(client, users, items):
    return get(client, users["leader"], reverse("wagtailadmin_home"))


def explorer(client, users, items):
    index = items["published"].get_parent()
    return get(client, users["editor"], reverse("wagtailadmin_explore", args=[index.pk]))


def explorer_filtered(client, users, items):
    index = items["published"].get_parent()
    url = reverse("wagtailadmin_explore", args=[index.pk])
    return get(
        client,
        users["office"],
        url,
        has_child_pages="false",
        ordering="-latest_revision_created_at",
    )


def page_search(client, users, items):
    return get(client, users["office"], reverse("wagtailadmin_pages:search"), q="tin")


def add_form(client, users, items):
    return get(client, users["editor"], add_url(items["published"].get_parent()))


def add_form_with_errors(client, users, items):
    client.force_login(users["editor"])
    url = add_url(items["published"].get_parent())
    response = client.post(url, news_item_form(title=""))
    html = page_html(response)
    assert "Không tạo được trang do dữ liệu nhập chưa hợp lệ." in html
    assert "Trường này là bắt buộc." in html
    return html


def edit_in_review_as_head(client, users, items):
    return get(client, users["head"], edit_url(items["in_review"]))


def edit_in_review_as_editor(client, users, items):
    return get(client, users["editor"], edit_url(items["in_review"]))


def edit_live_draft(client, users, items):
    return get(client, users["office"], edit_url(items["live_draft"]))


def edit_scheduled(client, users, items):
    return get(client, users["editor"], edit_url(items["scheduled"]))


def request_changes_modal(client, users, items):
    page = items["in_review"]
    task_state = current_task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "reject", task_state.pk))
    return get(client, users["head"], url)


def cancel_workflow_confirmation(client, users, items):
    url = reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[items["in_review"].pk])
    return get(client, users["editor"], url)


def page_history(client, users, items):
    return get(
        client, users["editor"], reverse("wagtailadmin_pages:history", args=[items["in_review"].pk])
    )


def workflow_history(client, users, items):
    url = reverse("wagtailadmin_pages:workflow_history", args=[items["in_review"].pk])
    return get(client, users["editor"], url)


def workflow_history_detail(client, users, items):
    page = items["in_review"]
    state = page.workflow_states.get()
    url = reverse("wagtailadmin_pages:workflow_history_detail", args=(page.pk, state.pk))
    return get(client, users["editor"], url)


def revisions_compare(client, users, items):
    page = items["live_draft"]
    first, *_, last = revisions_of(page)
    url = reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, first, last))
    return get(client, users["office"], url)


def delete_confirmation(client, users, items):
    return get(
        client, users["editor"], reverse("wagtailadmin_pages:delete", args=[items["draft"].pk])
    )


def unpublish_confirmation(client, users, items):
    url = reverse("wagtailadmin_pages:unpublish", args=[items["published"].pk])
    return get(client, users["office"], url)


def page_chooser(client, users, items):
    return get(client, users["editor"], reverse("wagtailadmin_choose_page"))


def documents(client, users, items):
    return get(client, users["editor"], reverse("wagtaildocs:index"))


def document_upload(client, users, items):
    return get(client, users["editor"], reverse("wagtaildocs:add_multiple"))


def document_edit(client, users, items):
    url = reverse("wagtaildocs:edit", args=[items["document"].pk])
    return get(client, users["editor"], url)


def document_chooser(client, users, items):
    return get(client, users["editor"], reverse("wagtaildocs_chooser:choose"))


def images(client, users, items):
    return get(client, users["editor"], reverse("wagtailimages:index"))


def image_upload(client, users, items):
    return get(client, users["editor"], reverse("wagtailimages:add_multiple"))


def image_chooser(client, users, items):
    return get(client, users["editor"], reverse("wagtailimages_chooser:choose"))


def locked_pages_report(client, users, items):
    return get(client, users["office"], reverse("wagtailadmin_reports:locked_pages"))


def workflows_report(client, users, items):
    return get(client, users["office"], reverse("wagtailadmin_reports:workflow"))


def workflow_tasks_report(client, users, items):
    return get(client, users["office"], reverse("wagtailadmin_reports:workflow_tasks"))


def site_history_report(client, users, items):
    return get(client, users["office"], reverse("wagtailadmin_reports:site_history"))


def aging_pages_report(client, users, items):
    return get(client, users["office"], reverse("wagtailadmin_reports:aging_pages"))


def page_types_report(client, users, items):
    return get(client, users["office"], reverse("wagtailadmin_reports:page_types_usage"))


def redirects(client, users, items):
    Redirect.objects.create(old_path="/tin-cu", redirect_link="/cai-cach-hanh-chinh/")
    return get(client, users["superuser"], reverse("wagtailredirects:index"))


def redirect_add_form(client, users, items):
    return get(client, users["superuser"], reverse("wagtailredirects:add"))


def account(client, users, items):
    return get(client, users["editor"], reverse("wagtailadmin_account"))


def news_items_listing(client, users, items):
    return get(client, users["editor"], reverse("news_items:index") + "?state=draft")


def participation_report(client, users, items):
    return get(client, users["office"], reverse("participation_report"))


def participation_my_agency(client, users, items):
    return get(client, users["head"], reverse("participation_my_agency"))


def word_import(client, users, items, agency_a):
    url = reverse("cchc_news_word_import", args=[agency_a.index_page.pk])
    return get(client, users["editor"], url)


SCREENS = [
    login,
    password_reset,
    password_reset_sent,
    dashboard_editor,
    dashboard_head,
    dashboard_office,
    dashboard_leader,
    explorer,
    explorer_filtered,
    page_search,
    add_form,
    add_form_with_errors,
    edit_in_review_as_head,
    edit_in_review_as_editor,
    edit_live_draft,
    edit_scheduled,
    request_changes_modal,
    cancel_workflow_confirmation,
    page_history,
    workflow_history,
    workflow_history_detail,
    revisions_compare,
    delete_confirmation,
    unpublish_confirmation,
    page_chooser,
    documents,
    document_upload,
    document_edit,
    document_chooser,
    images,
    image_upload,
    image_chooser,
    locked_pages_report,
    workflows_report,
    workflow_tasks_report,
    site_history_report,
    aging_pages_report,
    page_types_report,
    redirects,
    redirect_add_form,
    account,
    news_items_listing,
    participation_report,
    participation_my_agency,
    word_import,
]


@pytest.fixture
def users(editor_a, head_a, office_user, leader, superuser):
    return {
        "editor": editor_a,
        "head": head_a,
        "office": office_user,
        "leader": leader,
        "superuser": superuser,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("screen", SCREENS, ids=lambda screen: screen.__name__)
def test_screen_has_no_untranslated_wagtail_string(client, users, items, screen, agency_a):
    if screen is word_import:
        html = screen(client, users, items, agency_a)
    else:
        html = screen(client, users, items)
    found = leftovers(html)
    assert found == [], f"{screen.__name__}: untranslated Wagtail strings:\n" + "\n".join(found)


# --- the JavaScript catalogue and the Draftail toolbar --------------------------------------


def js_catalogue(client):
    response = client.get(reverse("wagtailadmin_javascript_catalog"))
    assert response.status_code == 200
    match = re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S)
    return json.loads(match[1]) if match else {}


def po_entries(domain):
    return [e for e in polib.pofile(str(OUR_CATALOGUES / f"{domain}.po")) if not e.obsolete]


def test_admin_loads_the_javascript_catalogue_with_our_strings():
    url = reverse("wagtailadmin_javascript_catalog")  # what admin_base.html loads
    assert resolve(url).func is localized_js_catalog


@pytest.mark.django_db
def test_javascript_catalogue_is_vietnamese(client):
    catalogue = js_catalogue(client)  # anonymous, as on the login page
    # The Draftail editor's own strings, and strings Wagtail's Vietnamese leaves in English.
    assert catalogue["Line break"] == "Ngắt dòng"
    assert catalogue["Horizontal line"] == "Đường kẻ ngang"
    assert catalogue["Write something or type ‘/’ to insert a block"] == (
        "Nhập nội dung hoặc gõ ‘/’ để chèn khối"
    )
    assert catalogue["%(num)s error"] == ["%(num)s lỗi"]  # one plural form
    # Ours wins where Wagtail's Vietnamese has its own wording.
    assert catalogue["Edit"] == "Sửa"
    ours = {e.msgid: e.msgstr or e.msgstr_plural[0] for e in po_entries("djangojs")}
    shown = {m: v if isinstance(v, str) else v[0] for m, v in catalogue.items() if m in ours}
    assert shown == ours


@pytest.mark.django_db
def test_javascript_catalogue_follows_the_users_language(client, editor_a):
    profile = UserProfile.get_for_user(editor_a)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(editor_a)
    assert js_catalogue(client).get("Line break", "Line break") == "Line break"


@pytest.mark.django_db
def test_draftail_toolbar_is_vietnamese(client, editor_a, agency_a):
    client.force_login(editor_a)
    html = client.get(add_url(agency_a.index_page)).content.decode()
    options = re.search(rf'{JSON_ATTRIBUTE}="([^"]*)"', html)[1]
    descriptions = {
        item["type"]: item["description"]
        for group in json.loads(unescape(options)).values()
        for item in group
    }
    assert descriptions["BOLD"] == "In đậm"
    assert descriptions["ITALIC"] == "In nghiêng"
    assert descriptions["LINK"] == "Liên kết"
    assert descriptions["header-two"] == "Tiêu đề cấp 2"


# --- the catalogues themselves --------------------------------------------------------------


def test_our_catalogue_wins_over_wagtails_own_vietnamese():
    wagtails = polib.pofile(str(WAGTAIL_DIR / "admin/locale/vi/LC_MESSAGES/django.po"))
    assert wagtails.find("Publish").msgstr == "Xuất bản"
    with translation.override("vi"):
        assert translation.gettext("Publish") == "Đăng"
        assert translation.gettext("Save draft") == "Lưu bản nháp"
        assert translation.gettext("now") == "vừa xong"  # django.contrib.humanize, via ours


def test_django_addresses_the_reader_as_anh_chi_too():
    """Django's own Vietnamese says "bạn"; the messages editors meet from it say "anh/chị"."""
    with translation.override("vi"):
        assert translation.gettext("Your password can’t be entirely numeric.") == (
            "Mật khẩu không được chỉ gồm chữ số."
        )
        assert "anh/chị" in translation.gettext(
            "Upload a valid image. The file you uploaded was either not an image or a corrupted "
            "image."
        )
    project = [*ROOT.glob("*/locale/vi/LC_MESSAGES/django*.po"), *ROOT.glob("locale/vi/*/*.po")]
    informal = [
        (str(path.relative_to(ROOT)), entry.msgid)
        for path in project
        for entry in polib.pofile(str(path))
        if not entry.obsolete
        and re.search(r"\bbạn\b", entry.msgstr + " ".join(entry.msgstr_plural.values()), re.I)
    ]
    assert informal == []


def test_project_catalogues_agree_with_ours():
    """A msgid ours shares with the project's catalogues has one translation, whichever wins."""
    ours = {(e.msgctxt, e.msgid): e.msgstr for e in po_entries("django") if not e.msgid_plural}
    project = [
        path
        for path in [
            *ROOT.glob("*/locale/vi/LC_MESSAGES/django.po"),
            ROOT / "locale/vi/LC_MESSAGES/django.po",
        ]
        if "wagtail_vi" not in path.parts
    ]
    # A msgid in another context (pgettext) is another string.
    different = [
        (str(path.relative_to(ROOT)), entry.msgid, entry.msgstr, ours[key])
        for path in project
        for entry in polib.pofile(str(path))
        if (key := (entry.msgctxt, entry.msgid)) in ours
        and entry.msgstr
        and entry.msgstr != ours[key]
    ]
    assert different == []


PYTHON_FORMAT = re.compile(r"%\(\w+\)[sdifr]|%[sdif]")
BRACE_FORMAT = re.compile(r"\{\w*\}")


def keeps_placeholders(entry):
    english = entry.msgid_plural or entry.msgid
    vietnamese = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
    allowed = set(PYTHON_FORMAT.findall(entry.msgid + entry.msgid_plural))
    used = set(PYTHON_FORMAT.findall(vietnamese))
    braces = set(BRACE_FORMAT.findall(english)) == set(BRACE_FORMAT.findall(vietnamese))
    return used <= allowed and set(PYTHON_FORMAT.findall(english)) <= used and braces


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_translations_keep_placeholders_and_one_plural_form(domain):
    po = polib.pofile(str(OUR_CATALOGUES / f"{domain}.po"))
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert [e.msgid for e in po_entries(domain) if not keeps_placeholders(e)] == []


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_compiled_catalogues_are_current(domain):
    source = {
        (e.msgid, e.msgid_plural): e.msgstr or e.msgstr_plural.get(0, "")
        for e in po_entries(domain)
        if e.translated()
    }
    compiled = {
        (e.msgid, e.msgid_plural): e.msgstr or e.msgstr_plural.get(0, "")
        for e in polib.mofile(str(OUR_CATALOGUES / f"{domain}.mo"))
        if e.msgid
    }
    assert compiled == source, "run `make messages`"


# --- the catalogue script -------------------------------------------------------------------


def catalogue_script():
    spec = importlib.util.spec_from_file_location(
        "wagtail_vi_catalogue", ROOT / "scripts" / "wagtail_vi_catalogue.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_catalogues_and_template_overrides_are_up_to_date_and_complete(capsys):
    assert catalogue_script().main(["--check", "--quiet"]) == 0, capsys.readouterr().out


def test_rebuilding_keeps_translations_and_shows_what_changed(tmp_path, capsys):
    app_dir = tmp_path / "wagtail_vi"
    shutil.copytree(OUR_CATALOGUES, app_dir / "locale" / "vi" / "LC_MESSAGES")
    path = app_dir / "locale" / "vi" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path))
    po.find("Save draft").msgstr = ""  # as if Wagtail had just added it
    po.append(polib.POEntry(msgid="A string Wagtail dropped", msgstr="Một chuỗi cũ"))
    po.save()

    script = catalogue_script()
    assert script.main(["--check", "--app-dir", str(app_dir)]) == 1
    assert script.main(["--app-dir", str(app_dir)]) == 0
    report = capsys.readouterr().out
    assert "obsolete: 'A string Wagtail dropped'" in report

    rebuilt = polib.pofile(str(path))
    assert rebuilt.find("Publish").msgstr == "Đăng"
    assert not rebuilt.find("Save draft").translated()
    dropped = rebuilt.find("A string Wagtail dropped", include_obsolete_entries=True)
    assert dropped.obsolete and dropped.msgstr == "Một chuỗi cũ"
    override = app_dir / "templates/wagtailadmin/shared/headers/_actions.html"
    assert "{% translate 'Actions' %}" in override.read_text()


def test_the_redirect_filter_follows_the_readers_language():
    """Wagtail translates it when the module is imported; wagtail_vi makes it lazy."""
    from wagtail.contrib.redirects.filters import RedirectsReportFilterSet

    kind = RedirectsReportFilterSet.base_filters["is_permanent"]
    for language, expected in (("en", ["Type", "Permanent"]), ("vi", ["Loại", "Vĩnh viễn"])):
        with translation.override(language):
            assert [str(kind.label), str(kind.extra["choices"][0][1])] == expected
