"""Copying never publishes a news item outside the review: every copy of one is a draft.

Wagtail's copy form offers "Publish copies" (and "Alias", a copy that is live whenever
the original is) to whoever may publish; the office, the leadership and superusers may.
"""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from cchc_news.models import NewsItemPage
from tests.workflows.builders import draft_item

pytestmark = pytest.mark.django_db

ROLES = ["editor_a", "head_a", "office_user", "leader", "superuser"]


@pytest.fixture
def live_item(agency_a, editor_a):
    item = draft_item(agency_a, editor_a, title="Một cửa liên thông hiện đại", slug="mot-cua")
    item.save_revision(user=editor_a).publish()
    return NewsItemPage.objects.get(pk=item.pk)


def copy_url(page):
    return reverse("wagtailadmin_pages:copy", args=(page.pk,))


def copy_form(page, parent, slug, **extra):
    return {
        "new_title": f"{page.title} (bản sao)",
        "new_slug": slug,
        "new_parent_page": parent.pk,
        **extra,
    }


def copies_of(item):
    return NewsItemPage.objects.exclude(pk=item.pk)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("asked", [{"publish_copies": "on"}, {"alias": "on"}, {}])
def test_no_role_gets_a_live_copy_of_a_news_item(client, request, live_item, agency_a, role, asked):
    client.force_login(request.getfixturevalue(role))

    client.post(copy_url(live_item), copy_form(live_item, agency_a.index_page, "ban-sao", **asked))

    assert not copies_of(live_item).filter(live=True).exists()
    assert not Page.objects.filter(alias_of=live_item).exists()


@pytest.mark.parametrize("role", ["office_user", "superuser"])
def test_the_copy_form_offers_neither_publishing_nor_an_alias(client, request, live_item, role):
    client.force_login(request.getfixturevalue(role))

    response = client.get(copy_url(live_item))

    assert response.status_code == 200
    form = response.context["form"]
    assert "publish_copies" not in form.fields and "alias" not in form.fields
    assert 'name="publish_copies"' not in response.text and 'name="alias"' not in response.text
    assert "Bản sao của tin, bài là bản nháp" in response.text


@pytest.mark.parametrize("role", ["editor_a", "office_user", "superuser"])
def test_a_plain_copy_is_a_draft_owned_by_whoever_copied(
    client, request, live_item, agency_a, role
):
    user = request.getfixturevalue(role)
    client.force_login(user)

    response = client.post(
        copy_url(live_item), copy_form(live_item, agency_a.index_page, "ban-sao")
    )

    assert response.status_code == 302
    copy = copies_of(live_item).get()
    assert not copy.live and copy.live_revision_id is None and copy.first_published_at is None
    assert copy.owner == user


@pytest.mark.parametrize("asked", ["publish_copies", "alias"])
def test_a_forged_request_to_publish_the_copy_is_refused_with_the_reason(
    client, superuser, live_item, agency_a, asked
):
    client.force_login(superuser)

    response = client.post(
        copy_url(live_item), copy_form(live_item, agency_a.index_page, "ban-sao", **{asked: "on"})
    )

    assert response.status_code == 200
    assert not copies_of(live_item).exists()
    assert any("không được đăng khi sao chép" in text for text in messages_of(response))


@pytest.fixture
def copyable_home(monkeypatch, live_item):
    """A host whose home page may be copied (ours allows one home page only)."""
    from home.models import HomePage

    monkeypatch.setattr(HomePage, "max_count", None)
    return live_item.get_ancestors().type(HomePage).get().specific


def test_a_parent_of_news_spaces_is_offered_no_copy_of_its_subpages(
    client, superuser, copyable_home
):
    client.force_login(superuser)

    response = client.get(copy_url(copyable_home))

    assert response.status_code == 200
    assert "copy_subpages" not in response.context["form"].fields
    assert 'name="copy_subpages"' not in response.text


@pytest.mark.parametrize("asked", [{"publish_copies": "on"}, {}])
def test_copying_a_parent_with_its_news_spaces_is_refused_with_the_reason(
    client, superuser, copyable_home, asked
):
    client.force_login(superuser)
    root = copyable_home.get_parent()
    pages_before = Page.objects.count()

    response = client.post(
        copy_url(copyable_home),
        copy_form(copyable_home, root, "trang-chu-2", copy_subpages="on", **asked),
    )

    assert response.status_code == 200
    assert Page.objects.count() == pages_before
    assert any("sao chép trang này mà không kèm" in text for text in messages_of(response))


def test_copying_a_parent_alone_may_still_publish_the_copy(client, superuser, copyable_home):
    """No news item is copied: publishing the copy is Wagtail's ordinary choice."""
    client.force_login(superuser)
    root = copyable_home.get_parent()

    response = client.post(
        copy_url(copyable_home),
        copy_form(copyable_home, root, "trang-chu-2", publish_copies="on"),
    )

    assert response.status_code == 302
    assert Page.objects.get(slug="trang-chu-2").live


# Wagtail's admin API (used by the explorer) copies with keep_live=True unless told otherwise.


def api_action_url(page, action):
    return reverse("wagtailadmin_api:pages:action", args=(page.pk, action))


@pytest.mark.parametrize("role", ["office_user", "superuser"])
def test_the_admin_api_copies_a_news_item_as_a_draft(client, request, live_item, role):
    client.force_login(request.getfixturevalue(role))

    response = client.post(
        api_action_url(live_item, "copy"),
        {"keep_live": True, "slug": "ban-sao-api"},
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    copy = copies_of(live_item).get()
    assert not copy.live and copy.slug == "ban-sao-api"


@pytest.mark.parametrize("role", ["office_user", "superuser"])
def test_the_admin_api_refuses_an_alias_of_a_news_item(client, request, live_item, role):
    client.force_login(request.getfixturevalue(role))

    with translation.override("vi"):
        response = client.post(
            api_action_url(live_item, "create_alias"),
            {"update_slug": "bi-danh"},
            content_type="application/json",
        )

    assert response.status_code == 400
    assert "bản sao đồng bộ" in response.json()["message"]
    assert not Page.objects.filter(alias_of=live_item).exists()


def test_the_admin_api_refuses_to_copy_news_spaces(client, superuser, copyable_home):
    client.force_login(superuser)
    pages_before = Page.objects.count()

    response = client.post(
        api_action_url(copyable_home, "copy"),
        {
            "recursive": True,
            "slug": "trang-chu-2",
            "destination_page_id": copyable_home.get_parent().pk,
        },
        content_type="application/json",
    )

    assert response.status_code == 400
    assert Page.objects.count() == pages_before


def test_the_admin_api_still_lists_pages(client, office_user, live_item):
    client.force_login(office_user)
    response = client.get(reverse("wagtailadmin_api:pages:listing"))

    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] >= 1


# The admin API's publish and unpublish would skip the review's reason and the withdrawal notice.


@pytest.mark.parametrize("role", ["office_user", "leader", "superuser"])
def test_the_admin_api_does_not_publish_a_news_item(client, request, agency_a, editor_a, role):
    item = draft_item(agency_a, editor_a, title="Tin chưa duyệt", slug="chua-duyet")
    client.force_login(request.getfixturevalue(role))

    response = client.post(api_action_url(item, "publish"), {}, content_type="application/json")

    assert response.status_code == 400
    assert "qua duyệt" in response.json()["message"]
    item.refresh_from_db()
    assert not item.live


@pytest.mark.parametrize("role", ["office_user", "leader", "superuser"])
def test_the_admin_api_does_not_unpublish_a_news_item(client, request, live_item, role):
    client.force_login(request.getfixturevalue(role))

    response = client.post(
        api_action_url(live_item, "unpublish"), {}, content_type="application/json"
    )

    assert response.status_code == 400
    assert "Gỡ tin" in response.json()["message"]
    live_item.refresh_from_db()
    assert live_item.live


def test_the_admin_api_does_not_unpublish_a_parent_with_its_live_news_items(
    client, superuser, live_item, agency_a
):
    client.force_login(superuser)

    response = client.post(
        api_action_url(agency_a.index_page, "unpublish"),
        {"recursive": True},
        content_type="application/json",
    )

    assert response.status_code == 400
    live_item.refresh_from_db()
    assert live_item.live
