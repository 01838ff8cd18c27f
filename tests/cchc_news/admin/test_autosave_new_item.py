"""A new item never fails to save because of its own autosaved draft.

Wagtail's autosave posts the create form in the background (Accept: application/json); the
first such post creates the page, and its address (slug) is taken. The browser then points the
form at the new page's edit view — but a save pressed while that autosave was still under way
(or any post the browser had already started) reaches the create view again, with the same
slug. It must continue as an edit of the autosaved draft, not fail with "slug already in use".
A real clash with another item is explained where it can be seen, naming the field's tab.
"""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.test.utils.form_data import inline_formset

from cchc_news.models import NewsItemPage
from tests.admin_forms import news_item_form
from tests.factories import TopicFactory
from tests.workflows.builders import draft_item
from tests.workflows.helpers import add_url, edit_url

pytestmark = pytest.mark.django_db

TITLE = "Bộ phận một cửa phường Bến Thành nhận hồ sơ trực tuyến"
SLUG = "bo-phan-mot-cua-phuong-ben-thanh-nhan-ho-so-truc-tuyen"
REFERENCE = {"number": "12/KH-UBND", "issued_on": "", "issuer": "", "title": "", "url": ""}


def open_create_form(client, parent):
    """The create view as the browser gets it: the hidden inputs its form posts back."""
    response = client.get(add_url(parent))
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").find("form", id="page-edit-form")
    return {
        field["name"]: field.get("value", "")
        for field in form.find_all("input", attrs={"type": "hidden"})
        if field.get("name") and not field["name"].startswith(("references-", "comments-"))
    }


def typed(hidden, **fields):
    data = news_item_form(
        title=TITLE,
        slug=SLUG,  # the admin's script fills it from the title
        topic=fields.pop("topic"),
        references=inline_formset([REFERENCE]),
        **fields,
    )
    return {**hidden, **data}


def autosave(client, parent, data):
    return client.post(add_url(parent), data, headers={"Accept": "application/json"})


@pytest.fixture
def topic(db):
    return TopicFactory()


def test_saving_after_the_autosave_created_the_item_edits_that_draft(editor_a, agency_a, topic):
    client = Client(enforce_csrf_checks=False)
    client.force_login(editor_a)
    parent = agency_a.index_page
    hidden = open_create_form(client, parent)

    background = autosave(client, parent, typed(hidden, topic=topic))
    assert background.status_code == 200, background.content
    assert background.json()["success"]
    item = NewsItemPage.objects.get()
    assert item.slug == SLUG

    # The save the editor pressed while the autosave was under way: same form, same URL.
    response = client.post(
        add_url(parent), typed(hidden, topic=topic, summary="Tóm tắt đã sửa trước khi lưu.")
    )

    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"].startswith(edit_url(item))
    assert NewsItemPage.objects.count() == 1
    item = NewsItemPage.objects.get()
    latest = item.get_latest_revision_as_object()
    assert latest.summary == "Tóm tắt đã sửa trước khi lưu."
    assert [reference.number for reference in latest.references.all()] == ["12/KH-UBND"]
    assert not item.live


def typed_without_references(hidden, **fields):
    return {**hidden, **news_item_form(title=TITLE, slug=SLUG, **fields)}


def test_a_second_autosave_to_the_create_view_edits_the_draft_too(editor_a, agency_a, topic):
    """An autosave retried after a lost answer reaches the create view again."""
    client = Client()
    client.force_login(editor_a)
    parent = agency_a.index_page
    hidden = open_create_form(client, parent)

    first = autosave(client, parent, typed_without_references(hidden, topic=topic))
    second = autosave(
        client,
        parent,
        {
            **typed_without_references(hidden, topic=topic, summary="Lần lưu tự động thứ hai."),
            "overwrite_revision_id": str(first.json()["revision_id"]),
        },
    )

    assert second.status_code == 200, second.content
    assert second.json()["success"]
    assert NewsItemPage.objects.count() == 1
    assert NewsItemPage.objects.get().get_latest_revision_as_object().summary == (
        "Lần lưu tự động thứ hai."
    )


def test_a_second_autosave_with_inline_documents_pauses_and_the_save_carries_on(
    editor_a, agency_a, topic
):
    """Its answer could not update the browser's form: autosave pauses; saving works."""
    client = Client()
    client.force_login(editor_a)
    parent = agency_a.index_page
    hidden = open_create_form(client, parent)
    autosave(client, parent, typed(hidden, topic=topic))

    second = autosave(client, parent, typed(hidden, topic=topic, summary="Lần thứ hai."))

    assert second.status_code == 400
    assert second.json()["error_code"] == "invalid_revision"  # Wagtail pauses its autosave
    saved = client.post(add_url(parent), typed(hidden, topic=topic, summary="Lần thứ hai."))
    assert saved.status_code == 302
    latest = NewsItemPage.objects.get().get_latest_revision_as_object()
    assert latest.summary == "Lần thứ hai."
    assert [reference.number for reference in latest.references.all()] == ["12/KH-UBND"]


def test_another_editors_form_with_the_same_title_does_not_take_over_the_draft(
    editor_a, make_user, agency_a, topic
):
    client = Client()
    client.force_login(editor_a)
    parent = agency_a.index_page
    autosave(client, parent, typed(open_create_form(client, parent), topic=topic))

    colleague = make_user("editor_a2", agency_a.editors_group)
    other = Client()
    other.force_login(colleague)
    response = other.post(add_url(parent), typed(open_create_form(other, parent), topic=topic))

    assert response.status_code == 200  # a real clash: refused, not merged into the draft
    assert NewsItemPage.objects.count() == 1
    assert NewsItemPage.objects.get().owner == editor_a


def test_a_slug_clash_is_explained_naming_the_tab_of_the_field(editor_a, agency_a, topic):
    draft_item(agency_a, editor_a, title=TITLE, slug=SLUG, topic=topic)
    client = Client()
    client.force_login(editor_a)
    parent = agency_a.index_page

    response = client.post(add_url(parent), typed(open_create_form(client, parent), topic=topic))

    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    messages = " ".join(str(message) for message in response.context["messages"])
    assert "Quảng bá" in messages, messages  # the tab where the address field is
    assert SLUG in messages, messages
    assert NewsItemPage.objects.count() == 1
