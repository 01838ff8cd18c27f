"""Agencies are kept apart by Wagtail's page permissions, checked through the admin."""

import pytest
from django.urls import reverse

from cchc_news.models import NewsItemPage
from tests.admin_forms import news_item_form
from tests.factories import NewsItemPageFactory, TopicFactory
from tests.helpers import assert_denied

pytestmark = pytest.mark.django_db


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("cchc_news", "newsitempage", parent.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


@pytest.fixture
def item_a(agency_a, make_user, agency_a_colleague):
    return NewsItemPageFactory(parent=agency_a.index_page, owner=agency_a_colleague)


@pytest.fixture
def agency_a_colleague(make_user, agency_a):
    return make_user("colleague_a", agency_a.editors_group)


@pytest.fixture
def item_b(agency_b, editor_b):
    return NewsItemPageFactory(parent=agency_b.index_page, owner=editor_b)


def test_editor_can_write_under_own_agency(client, editor_a, agency_a):
    client.force_login(editor_a)
    assert client.get(add_url(agency_a.index_page)).status_code == 200

    response = client.post(add_url(agency_a.index_page), news_item_form(topic=TopicFactory()))
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    item = NewsItemPage.objects.get()
    assert item.get_parent().pk == agency_a.index_page.pk
    assert item.agency == agency_a and item.owner == editor_a and not item.live
    assert item.slug == "mot-cua-lien-thong-hien-dai"


def test_editor_can_edit_a_colleagues_item(client, editor_a, item_a):
    client.force_login(editor_a)
    assert client.get(edit_url(item_a)).status_code == 200
    response = client.post(edit_url(item_a), news_item_form(title="Sửa lại", slug=item_a.slug))
    assert response.status_code == 302
    assert response["Location"] == edit_url(item_a)
    item_a.refresh_from_db()
    assert item_a.get_latest_revision_as_object().title == "Sửa lại"


def test_draft_with_empty_required_fields_is_saved(client, editor_a, agency_a):
    client.force_login(editor_a)
    data = news_item_form(summary="", body=rich_text_empty(), topic=None)
    response = client.post(add_url(agency_a.index_page), data)
    assert response.status_code == 302
    assert NewsItemPage.objects.get().summary == ""


def rich_text_empty():
    from wagtail.test.utils.form_data import rich_text

    from cchc_news.models.news_item import BODY_FEATURES

    return rich_text("", features=BODY_FEATURES)


def test_editor_cannot_even_see_another_agencys_edit_view(client, editor_a, item_b, agency_b):
    client.force_login(editor_a)
    assert_denied(client.get(edit_url(item_b)))
    assert_denied(
        client.post(edit_url(item_b), news_item_form(title="Chiếm quyền", slug=item_b.slug))
    )
    assert_denied(client.get(add_url(agency_b.index_page)))
    assert_denied(client.post(add_url(agency_b.index_page), news_item_form(title="Lạc chỗ")))
    assert_denied(client.get(reverse("wagtailadmin_pages:delete", args=(item_b.pk,))))
    item_b.refresh_from_db()
    assert item_b.title != "Chiếm quyền"
    assert not NewsItemPage.objects.filter(title="Lạc chỗ").exists()


def test_editor_cannot_rename_move_or_delete_own_agency_index(client, editor_a, agency_a):
    client.force_login(editor_a)
    index = agency_a.index_page
    assert_denied(client.get(edit_url(index)))
    assert_denied(client.get(reverse("wagtailadmin_pages:delete", args=(index.pk,))))
    assert_denied(client.get(reverse("wagtailadmin_pages:move", args=(index.pk,))))
    assert client.get(reverse("wagtailadmin_explore", args=(index.pk,))).status_code == 200


def test_editor_cannot_publish_directly(client, editor_a, agency_a):
    client.force_login(editor_a)
    data = news_item_form(topic=TopicFactory(), **{"action-publish": "action-publish"})
    client.post(add_url(agency_a.index_page), data)
    assert not NewsItemPage.objects.live().exists()


def test_editor_cannot_manage_agencies(client, editor_a):
    client.force_login(editor_a)
    assert_denied(client.get(reverse("agencies:index")))
    assert_denied(client.get(reverse("agencies:add")))


def test_office_can_edit_every_agencys_items(client, office_user, item_a, item_b):
    client.force_login(office_user)
    for item in (item_a, item_b):
        assert client.get(edit_url(item)).status_code == 200


def test_anonymous_is_sent_to_login(client, item_a):
    response = client.get(edit_url(item_a))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_inactive_agency_editor_can_no_longer_edit(client, editor_a, item_a, agency_a):
    agency_a.active = False
    agency_a.save()
    client.force_login(editor_a)
    assert_denied(client.get(edit_url(item_a)))
