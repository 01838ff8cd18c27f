"""Which bulletin holds an item: an index derived from the bulletins' entries.

A bulletin's `entries` are the one record; `BulletinMembership` is an index of them that
assembly reads ("items in no bulletin yet") and the database uses to refuse an item in two
bulletins. Only `sync_membership` writes it, called from the signal receivers below, so
every path that changes what a bulletin holds keeps it right in the same transaction:

- publishing a bulletin (the editor, assembly, a correction, a revert then publish,
  scheduled publishing): the live entries;
- a revision saved for a bulletin never issued (a draft: assembly with
  BULLETIN_AUTO_PUBLISH off, the office's "save draft"): that revision's entries. A draft
  revision of an issued bulletin (a correction being prepared) changes nothing: until it
  is published, the bulletin as issued holds its items;
- unpublishing changes nothing: the items were issued and delivered in that bulletin, and
  another bulletin would deliver them a second time (the admin refuses to unpublish an
  issued bulletin anyway);
- deleting a bulletin deletes its rows (foreign key cascade): a deleted draft frees its
  items for the next assembly.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from cchc_news.models import NewsItemPage

from .models import BulletinMembership, BulletinPage


def sync_membership(bulletin, source):
    """Make `bulletin` hold exactly the items listed in `source`'s entries.

    `source` is the bulletin as it now stands (the live page, or a draft revision's
    object). An item held by another bulletin makes the database refuse the change
    (IntegrityError); the editor's form says so readably before it gets here.
    """
    wanted = set(NewsItemPage.objects.filter(pk__in=source.item_ids()).values_list("pk", flat=True))
    with transaction.atomic():
        rows = BulletinMembership.objects.filter(bulletin_id=bulletin.pk)
        held = set(rows.values_list("item_id", flat=True))
        if held - wanted:
            rows.filter(item_id__in=held - wanted).delete()
        BulletinMembership.objects.bulk_create(
            [BulletinMembership(item_id=pk, bulletin_id=bulletin.pk) for pk in wanted - held]
        )


def holds_live_entries(sender, instance, **kwargs):
    """page_published: a published bulletin holds what it shows."""
    sync_membership(instance, instance)


def holds_draft_entries(sender, instance, created, **kwargs):
    """Revision post_save: a bulletin never issued holds what its latest draft lists."""
    revision = instance
    if revision.content_type_id != ContentType.objects.get_for_model(BulletinPage).pk:
        return
    bulletin = BulletinPage.objects.filter(pk=revision.object_id).first()
    if bulletin is None or bulletin.live or bulletin.is_issued():
        return
    # An older revision saved again (its schedule cancelled, say) is not what the draft lists.
    if not created and bulletin.latest_revision_id != revision.pk:
        return
    sync_membership(bulletin, bulletin.with_content_json(revision.content))
