"""One record of which bulletin holds an item, kept by every path that changes a bulletin.

Each test changes a bulletin the way a person or a job does (the editor, a revert, an
unpublish, a delete), then runs the next assembly: every item is in exactly one bulletin
and the membership index agrees with the bulletins' entries.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from bulletin.models import BulletinMembership, BulletinPage
from bulletin.weeks import Week

from .conftest import local
from .editing import (
    assemble_week,
    assert_each_item_once,
    bulletin_form,
    holding_entries,
    open_correction,
    post_editor,
)

pytestmark = pytest.mark.django_db

W46, W47 = Week(2026, 46), Week(2026, 47)


@pytest.fixture
def items(publish_item):
    """Two items of week 46 and a late one, approved in week 47."""
    return (
        publish_item(local(2026, 11, 10, 9, 0), "Tin A"),
        publish_item(local(2026, 11, 11, 9, 0), "Tin B"),
        publish_item(local(2026, 11, 17, 9, 0), "Tin muộn"),
    )


@pytest.fixture
def week_47_item(publish_item):
    return publish_item(local(2026, 11, 18, 9, 0), "Tin tuần 47")


def ids(*pages):
    return [page.pk for page in pages]


def entry_errors(response):
    """The entries' errors, which the editor shows beside the entries (drawn by its script)."""
    assert response.status_code == 200
    return [str(error) for error in response.context["form"].errors.get("entries", [])]


def saved(response):
    assert response.status_code == 302, response.context and response.context["form"].errors
    return response


@override_settings(BULLETIN_AUTO_PUBLISH=False)
def test_item_added_by_hand_to_a_draft_is_held_by_it(client, office_user, items, week_47_item):
    a, b, late = items
    draft = assemble_week(W46)
    client.force_login(office_user)

    saved(post_editor(client, draft, [a, b, late]))

    assert BulletinMembership.objects.get(item=late).bulletin_id == draft.pk
    next_bulletin = assemble_week(W47)
    assert holding_entries(next_bulletin) == ids(week_47_item)
    assert_each_item_once([*items, week_47_item])


@override_settings(BULLETIN_AUTO_PUBLISH=False)
def test_item_removed_by_hand_from_a_draft_goes_to_the_next_assembly(
    client, office_user, items, week_47_item
):
    a, b, late = items
    draft = assemble_week(W46)
    client.force_login(office_user)

    saved(post_editor(client, draft, [a]))

    assert not BulletinMembership.objects.filter(item=b).exists()
    assemble_week(W46)  # the draft is refreshed: the removed item is not lost
    assert sorted(holding_entries(draft)) == ids(a, b)
    assemble_week(W47)
    assert_each_item_once([*items, week_47_item])


def test_item_added_to_an_issued_bulletin_by_a_correction(client, office_user, items, week_47_item):
    a, b, late = items
    issued = assemble_week(W46)
    open_correction(issued, office_user)
    client.force_login(office_user)

    saved(post_editor(client, issued, [a, b, late], action="action-publish"))

    assert BulletinMembership.objects.get(item=late).bulletin_id == issued.pk
    assert holding_entries(issued) == ids(a, b, late)
    week_47 = assemble_week(W47)
    assert holding_entries(week_47) == ids(week_47_item)
    assert_each_item_once([*items, week_47_item])


def test_a_draft_correction_holds_nothing_until_it_is_published(
    client, office_user, items, week_47_item
):
    a, b, late = items
    issued = assemble_week(W46)
    open_correction(issued, office_user)
    client.force_login(office_user)

    saved(post_editor(client, issued, [a, b, late]))  # saved as a draft, not published

    assert not BulletinMembership.objects.filter(item=late).exists()
    week_47 = assemble_week(W47)
    assert late.pk in holding_entries(week_47)
    # Publishing the correction now would show the item twice: the editor says so instead.
    response = post_editor(client, issued, [a, b, late], action="action-publish")
    assert response.status_code == 200
    assert "đã có trong" in " ".join(entry_errors(response))
    assert holding_entries(issued) == ids(a, b)
    assert_each_item_once([*items, week_47_item])


def test_entry_removed_by_a_correction_goes_to_the_next_bulletin(
    client, office_user, items, week_47_item
):
    a, b, late = items
    issued = assemble_week(W46)
    open_correction(issued, office_user)
    client.force_login(office_user)

    saved(post_editor(client, issued, [a], action="action-publish"))

    assert not BulletinMembership.objects.filter(item=b).exists()
    week_47 = assemble_week(W47)
    assert b.pk in holding_entries(week_47)
    assert_each_item_once([*items, week_47_item])


@override_settings(BULLETIN_AUTO_PUBLISH=False)
def test_revert_to_an_older_revision_of_a_draft(client, office_user, items, week_47_item):
    a, b, late = items
    late.first_published_at = local(2026, 11, 18, 10, 0)
    late.save(update_fields=["first_published_at"])
    draft = assemble_week(W46)
    assembled = draft.get_latest_revision()
    client.force_login(office_user)
    saved(post_editor(client, draft, [a, b, late]))
    with_late = BulletinPage.objects.get(pk=draft.pk).get_latest_revision()

    revert = reverse("wagtailadmin_pages:revisions_revert", args=[draft.pk, assembled.pk])
    saved(client.post(revert, bulletin_form(assembled.as_object(), [a, b])))

    assert not BulletinMembership.objects.filter(item=late).exists()
    week_47 = assemble_week(W47)
    assert late.pk in holding_entries(week_47)
    # Going back to the revision with the late item would now put it in two bulletins.
    revert = reverse("wagtailadmin_pages:revisions_revert", args=[draft.pk, with_late.pk])
    response = client.post(revert, bulletin_form(with_late.as_object(), [a, b, late]))
    assert response.status_code == 200
    assert "đã có trong" in " ".join(entry_errors(response))
    assert_each_item_once([*items, week_47_item])


def test_revert_of_an_issued_bulletin_through_a_correction(
    client, office_user, items, week_47_item
):
    a, b, late = items
    issued = assemble_week(W46)
    first_issue = issued.get_latest_revision()
    open_correction(issued, office_user)
    client.force_login(office_user)
    saved(post_editor(client, issued, [a], action="action-publish"))
    issued.corrections.update(published_at=local(2026, 11, 20, 9, 0))  # as helper B's flow does
    open_correction(issued, office_user, reason="Khôi phục tin B")

    revert = reverse("wagtailadmin_pages:revisions_revert", args=[issued.pk, first_issue.pk])
    posted = bulletin_form(first_issue.as_object(), [a, b], action="action-publish")
    saved(client.post(revert, posted))

    assert BulletinMembership.objects.get(item=b).bulletin_id == issued.pk
    assemble_week(W47)
    assert_each_item_once([*items, week_47_item])


def test_unpublishing_an_issued_bulletin_keeps_its_items(items, week_47_item):
    """Its items were issued and delivered in it: sending them again would send them twice."""
    issued = assemble_week(W46)
    issued.unpublish()  # the admin refuses this; a shell can still do it

    assert sorted(
        BulletinMembership.objects.filter(bulletin=issued).values_list("item_id", flat=True)
    ) == ids(*items[:2])
    week_47 = assemble_week(W47)
    assert holding_entries(week_47) == ids(items[2], week_47_item)
    assert_each_item_once([*items, week_47_item])


@override_settings(BULLETIN_AUTO_PUBLISH=False)
def test_deleting_an_unissued_draft_frees_its_items(client, office_user, items, week_47_item):
    draft = assemble_week(W46)
    client.force_login(office_user)

    response = client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))

    assert response.status_code == 302
    assert not BulletinPage.objects.exists() and not BulletinMembership.objects.exists()
    again = assemble_week(W46)
    assert sorted(holding_entries(again)) == ids(*items[:2])
    assemble_week(W47)
    assert_each_item_once([*items, week_47_item])


@override_settings(BULLETIN_AUTO_PUBLISH=False)
def test_a_draft_published_later_keeps_the_same_items(items, week_47_item):
    """Scheduled publishing and "publish" of a saved draft go through page_published."""
    draft = assemble_week(W46)
    revision = BulletinPage.objects.get(pk=draft.pk).get_latest_revision()

    revision.publish()

    assert sorted(
        BulletinMembership.objects.filter(bulletin=draft).values_list("item_id", flat=True)
    ) == ids(*items[:2])
    assemble_week(W47)
    assert_each_item_once([*items, week_47_item])


def test_a_correction_scheduled_in_the_editor_holds_its_items_when_it_goes_live(
    client, office_user, items, week_47_item
):
    a, b, late = items
    issued = assemble_week(W46)
    open_correction(issued, office_user)
    client.force_login(office_user)
    go_live = timezone.now() + timedelta(days=1)

    saved(
        post_editor(
            client,
            issued,
            [a, b, late],
            action="action-publish",
            go_live_at=timezone.localtime(go_live).strftime("%d/%m/%Y %H:%M"),
        )
    )
    assert not BulletinMembership.objects.filter(item=late).exists()  # not live yet
    # The day comes: its time is moved back rather than the clock forward.
    scheduled = Revision.objects.get(approved_go_live_at__isnull=False)
    scheduled.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    scheduled.content["go_live_at"] = scheduled.approved_go_live_at.isoformat()
    scheduled.save()

    call_command("publish_scheduled")

    assert BulletinMembership.objects.get(item=late).bulletin_id == issued.pk
    assemble_week(W47)
    assert_each_item_once([*items, week_47_item])
