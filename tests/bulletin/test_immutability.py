"""An issued bulletin is read-only in the admin, for everyone; a correction opens it to the
CCHC office and the leadership, who may change its intro and entries but not its issue."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bulletin.models import BulletinMembership, BulletinPage
from bulletin.weeks import Week
from tests.helpers import assert_denied

from .conftest import local
from .editing import (
    assemble_week,
    bulletin_form,
    edit_url,
    open_correction,
    post_editor,
)

pytestmark = pytest.mark.django_db

W46 = Week(2026, 46)
ROLES = ["editor_a", "head_a", "office_user", "leader", "superuser"]
CORRECTORS = ["office_user", "leader", "superuser"]


@pytest.fixture
def login(client, request):
    def as_role(role):
        user = request.getfixturevalue(role)
        client.force_login(user)
        return user

    return as_role


@pytest.fixture
def items(publish_item):
    return (
        publish_item(local(2026, 11, 10, 9, 0), "Tin A"),
        publish_item(local(2026, 11, 11, 9, 0), "Tin B"),
        publish_item(local(2026, 11, 12, 9, 0), "Tin C bị sót"),
    )


@pytest.fixture
def issued(archive, items):
    """The week's bulletin as assembled and published, without the third item."""
    from cchc_news.models import NewsItemPage

    NewsItemPage.objects.filter(pk=items[2].pk).update(first_published_at=local(2026, 11, 20))
    return assemble_week(W46)


def state(bulletin):
    """Everything a refused action must leave as it was."""
    bulletin = BulletinPage.objects.get(pk=bulletin.pk)
    return {
        "revisions": bulletin.revisions.count(),
        "live": bulletin.live,
        "has_unpublished_changes": bulletin.has_unpublished_changes,
        "issue": (bulletin.title, bulletin.slug, bulletin.number, bulletin.iso_week),
        "entries": bulletin.item_ids(),
        "path": bulletin.path,
        "membership": sorted(
            BulletinMembership.objects.filter(bulletin=bulletin).values_list("item_id", flat=True)
        ),
        "bulletins": BulletinPage.objects.count(),
        "private": bulletin.get_view_restrictions().exists(),
    }


LOCKED = "Bản tin này đã phát hành"


@pytest.mark.parametrize("action", [None, "action-publish"], ids=["save-draft", "publish"])
@pytest.mark.parametrize("role", ROLES)
def test_editing_an_issued_bulletin_is_refused(client, login, role, action, issued, items):
    login(role)
    before = state(issued)

    response = post_editor(client, issued, items, action=action, number=70, title="Số 70")

    if role in CORRECTORS:
        assert response.status_code == 200  # the form again, with Wagtail's "locked" message
    else:
        assert_denied(response)
    assert state(issued) == before


@pytest.mark.parametrize("role", ROLES)
def test_reverting_an_issued_bulletin_is_refused(client, login, role, issued, items):
    first = issued.get_latest_revision()
    issued.entries = [("entry", {"item": items[0], "note": ""})]
    issued.save_revision().publish()  # a second revision, as from an earlier version
    login(role)
    before = state(issued)

    url = reverse("wagtailadmin_pages:revisions_revert", args=[issued.pk, first.pk])
    response = client.post(url, bulletin_form(first.as_object(), items[:2], "action-publish"))

    if role not in CORRECTORS:
        assert_denied(response)
    assert state(issued) == before


@pytest.mark.parametrize("role", ROLES)
def test_unpublish_delete_move_copy_of_an_issued_bulletin_are_refused(
    client, login, role, issued, archive
):
    login(role)
    before = state(issued)
    pk = issued.pk

    client.post(reverse("wagtailadmin_pages:unpublish", args=[pk]))
    client.post(reverse("wagtailadmin_pages:delete", args=[pk]))
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[pk, archive.pk]))
    client.post(
        reverse("wagtailadmin_pages:copy", args=[pk]),
        {"new_title": "Bản sao", "new_slug": "ban-sao", "new_parent_page": archive.pk},
    )
    for action in ("unpublish", "delete"):
        url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", action))
        client.post(f"{url}?id={pk}", {})
    client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[pk]),
        {"restriction_type": "login", "password": "", "groups": []},
    )

    assert state(issued) == before


def test_no_bulletin_can_be_copied_even_a_draft(client, superuser, archive, items, settings):
    settings.BULLETIN_AUTO_PUBLISH = False
    draft = assemble_week(W46)
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[draft.pk]),
        {"new_title": "Bản sao", "new_slug": "ban-sao", "new_parent_page": archive.pk},
    )
    assert_denied(response)
    assert BulletinPage.objects.count() == 1


def test_an_unissued_draft_stays_editable_by_the_office(
    client, office_user, archive, items, settings
):
    settings.BULLETIN_AUTO_PUBLISH = False
    draft = assemble_week(W46)
    client.force_login(office_user)

    response = post_editor(client, draft, items[:1], number=5)

    assert response.status_code == 302
    latest = BulletinPage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    assert latest.item_ids() == [items[0].pk] and latest.number == 5


@pytest.mark.parametrize("role", CORRECTORS)
def test_during_a_correction_the_correctors_save_and_publish_but_keep_the_issue(
    client, login, role, issued, items
):
    open_correction(issued, login("office_user"))
    login(role)
    before = state(issued)

    saved = post_editor(client, issued, items, number=70, title="Số 70", slug="so-70")
    assert saved.status_code == 302
    draft = BulletinPage.objects.get(pk=issued.pk).get_latest_revision_as_object()
    assert draft.item_ids() == [item.pk for item in items]
    assert state(issued)["membership"] == before["membership"]  # the draft holds nothing yet
    # A correction cannot make it private, which would take it from its readers.
    privacy = reverse("wagtailadmin_pages:set_privacy", args=[issued.pk])
    client.post(privacy, {"restriction_type": "login", "password": "", "groups": []})
    assert not issued.get_view_restrictions().exists()

    published = post_editor(
        client, issued, items, action="action-publish", number=70, expire_at="01/01/2027 00:00"
    )
    assert published.status_code == 302
    after = state(issued)
    assert after["issue"] == before["issue"]  # number, title and slug as issued
    assert BulletinPage.objects.get(pk=issued.pk).expire_at is None  # it would unpublish it
    assert after["entries"] == after["membership"] == [item.pk for item in items]
    assert after["live"] and after["path"] == before["path"]


@pytest.mark.parametrize("role", ["editor_a", "head_a"])
def test_during_a_correction_agency_users_still_cannot_edit(
    client, login, role, issued, items, office_user
):
    open_correction(issued, office_user)
    login(role)
    before = state(issued)

    for action in (None, "action-publish"):
        assert_denied(post_editor(client, issued, items, action=action))

    assert state(issued) == before


def test_the_editor_tells_the_office_why_it_is_locked(client, office_user, issued):
    client.force_login(office_user)

    page = client.get(edit_url(issued)).content.decode()

    assert LOCKED in page
    assert "đính chính" in page.lower()
    # ... and leads to the correction's form, where the reason is asked for.
    correction_url = reverse("bulletin_correction_open", args=[issued.pk])
    assert f'<a href="{correction_url}">Đính chính bản tin này</a>' in page


def test_during_a_correction_the_office_sees_its_reason(client, office_user, issued):
    open_correction(issued, office_user, reason="Sửa tên đơn vị trong tin A")
    client.force_login(office_user)

    page = client.get(edit_url(issued)).content.decode()

    assert "Sửa tên đơn vị trong tin A" in page
    assert LOCKED not in page


def test_the_archive_listing_asks_no_more_queries_per_issued_bulletin(
    client, office_user, archive, publish_item
):
    """The listing asks each row what the user may do (unpublish, move, copy, delete)."""
    client.force_login(office_user)
    url = reverse("wagtailadmin_explore", args=[archive.pk])

    def queries_with_weeks(weeks):
        for week in weeks:
            publish_item(week.period()[0].replace(hour=20), f"Tin {week}")
            assemble_week(week)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert queries_with_weeks([Week(2026, 40)]) == queries_with_weeks(
        [Week(2026, week) for week in range(41, 46)]
    )


def test_the_archive_of_issued_bulletins_is_neither_deleted_nor_moved(
    client, superuser, issued, archive, section
):
    """Deleting it would delete the bulletins; moving it would change their addresses."""
    client.force_login(superuser)
    before = state(issued)

    client.post(reverse("wagtailadmin_pages:delete", args=[archive.pk]))
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[archive.pk, section.pk]))
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    client.post(f"{url}?id={archive.pk}", {})

    assert state(issued) == before
    assert archive.permissions_for_user(superuser).can_delete() is False
