"""Driving a bulletin through the Wagtail page editor, as the office does in a browser."""

from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from bulletin.assembly import assemble
from bulletin.models import BulletinCorrection, BulletinMembership, BulletinPage

DATETIME = "%d/%m/%Y %H:%M"  # WAGTAIL_DATETIME_FORMAT


def local_text(moment):
    return timezone.localtime(moment).strftime(DATETIME)


def bulletin_form(page, items, action=None, **fields):
    """The editor's POST for `page` (a BulletinPage as shown) with `items` as its entries."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "number": page.number,
        "iso_year": page.iso_year,
        "iso_week": page.iso_week,
        "period_start": local_text(page.period_start),
        "period_end": local_text(page.period_end),
        "intro": rich_text(page.intro or "<p></p>"),
        "entries": streamfield([("entry", {"item": item.pk, "note": ""}) for item in items]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(fields)
    posted = nested_form_data(data)
    if action:
        posted[action] = "1"
    return posted


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def post_editor(client, page, items, action=None, **fields):
    """POST the edit form of `page` with `items`; `page` is read as the editor would show it."""
    shown = BulletinPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    return client.post(edit_url(page), bulletin_form(shown, items, action, **fields))


def open_correction(bulletin, user, reason="Bổ sung tin bị sót"):
    return BulletinCorrection.objects.create(bulletin=bulletin, reason=reason, opened_by=user)


def holding_entries(bulletin):
    """The item ids a bulletin holds: its live entries once issued, else its latest draft."""
    bulletin = BulletinPage.objects.get(pk=bulletin.pk)
    source = bulletin if bulletin.is_issued() else bulletin.get_latest_revision_as_object()
    return source.item_ids()


def assert_each_item_once(items):
    """Every item is in exactly one bulletin, and the membership index says the same."""
    held = {}
    for bulletin in BulletinPage.objects.all():
        for item_id in holding_entries(bulletin):
            held.setdefault(item_id, []).append(bulletin.pk)
    twice = {item_id: where for item_id, where in held.items() if len(where) > 1}
    assert not twice, f"items in more than one bulletin: {twice}"
    lost = [item.title for item in items if item.pk not in held]
    assert not lost, f"items in no bulletin: {lost}"
    index = dict(BulletinMembership.objects.values_list("item_id", "bulletin_id"))
    assert index == {item_id: where[0] for item_id, where in held.items()}


def assemble_week(week):
    return assemble(week).bulletin
