"""Assembling the week's bulletin from the approved items.

Every live item not yet in a bulletin and first published before the week's cut-off
goes into that week's bulletin, ordered by topic then time. A bulletin once published
is never changed by assembly: later items wait for the next week. The whole run is one
transaction holding a lock on the archive page, so two workers assembling at the same
moment produce one bulletin with each item once, and a crash leaves nothing half done.

A week is assembled once its cut-off has passed. Before it, only an explicit early
publication with a reason (kept in the bulletin's history); a week that has not begun,
never: the items it would take are this week's, and publishing them under a later
number would skip a bulletin. The caller may also name the item set it previewed
(`expected_fingerprint`): checked under the lock, so what is published is what was seen.
"""

import hashlib
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cchc_news.models import NewsItemPage
from cchc_news.moments import moment_text
from cchc_news.slugs import vietnamese_slugify
from cchc_news.task_batches import tasks_coalesced

from . import conf
from .garbage_collection import collector_paused
from .loaded_items import lend_items
from .models import BulletinIndexPage, BulletinMembership, BulletinPage, topic_order
from .weeks import Week

logger = logging.getLogger(__name__)

# Log action of a bulletin assembled before its week's cut-off (the reason in its data).
EARLY_PUBLICATION = "bulletin.publish_early"


class AssemblyRefused(Exception):
    """The week may not be assembled as asked; the message says why, for people."""

    def __init__(self, message, week):
        super().__init__(message)
        self.week = week


class FutureWeek(AssemblyRefused):
    """The week has not begun: refused whatever the reason."""


class CutoffNotPassed(AssemblyRefused):
    """The week's cut-off is ahead and no early publication (with a reason) was asked for."""


class PreviewOutdated(AssemblyRefused):
    """The items (or the number) changed since the preview the caller confirmed."""


@dataclass
class AssemblyResult:
    week: Week
    bulletin: BulletinPage | None = None
    created: bool = False
    published: bool = False
    dry_run: bool = False
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    kept: list = field(default_factory=list)
    waiting: list = field(default_factory=list)  # items for a later bulletin
    message: str = ""
    number: int | None = None  # the bulletin's number, or the one it will get
    title: str = ""
    fingerprint: str = ""  # of what would be published; see `fingerprint()`
    early: bool = False  # published before the week's cut-off

    @property
    def items(self):
        """The bulletin's items once assembled, in its order (topic, then time)."""
        return sorted([*self.kept, *self.added], key=bulletin_order)

    def sections(self):
        """[(topic, [item, ...]), ...] as the bulletin shows them."""
        grouped = {}
        for item in self.items:
            grouped.setdefault(item.topic, []).append(item)
        return sorted(grouped.items(), key=lambda pair: topic_order(pair[0]))


def auto_publish():
    return conf.get("BULLETIN_AUTO_PUBLISH")


def unassembled_items():
    """Live, public items in no bulletin yet."""
    in_a_bulletin = BulletinMembership.objects.filter(item=OuterRef("pk"))
    return (
        NewsItemPage.objects.live()
        .public()
        .exclude(Exists(in_a_bulletin))
        .select_related("topic", "agency", "original_file")
    )


def eligible_items(cutoff):
    """Live, public items first published before `cutoff` and in no bulletin yet."""
    return unassembled_items().filter(first_published_at__lt=cutoff)


def items_after(cutoff):
    """Live, public items first published at or after `cutoff` and in no bulletin yet."""
    return (
        unassembled_items()
        .filter(first_published_at__gte=cutoff)
        .order_by("first_published_at", "pk")
    )


def bulletin_order(item):
    return (topic_order(item.topic), item.first_published_at, item.pk)


def next_number(index, iso_year):
    last = (
        BulletinPage.objects.child_of(index)
        .filter(iso_year=iso_year)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return (last or 0) + 1


def bulletin_title(number, iso_year):
    return _("CCHC bulletin no. %(number)d/%(year)d") % {"number": number, "year": iso_year}


def new_bulletin(index, week):
    period_start, period_end = week.period()
    number = next_number(index, week.iso_year)
    bulletin = BulletinPage(
        title=bulletin_title(number, week.iso_year),
        slug=vietnamese_slugify(f"{week.iso_year}-so-{number}"),
        number=number,
        iso_year=week.iso_year,
        iso_week=week.iso_week,
        period_start=period_start,
        period_end=period_end,
        live=False,
    )
    index.add_child(instance=bulletin)
    return bulletin


def merged_entries(current_values, current_items, new_items):
    """Entries for the kept and new items, ordered by topic then time, notes kept."""
    notes = {value["item"]: value.get("note", "") for value in current_values}
    items = sorted([*current_items, *new_items], key=bulletin_order)
    return [("entry", {"item": item, "note": notes.get(item.pk, "")}) for item in items]


def get_index():
    index = BulletinIndexPage.objects.first()
    if index is None:
        raise RuntimeError("No bulletin archive page: run `manage.py setup_cchc` first.")
    return index


def fingerprint(result):
    """What the office confirms: the number and title, and which items are added, kept, removed."""
    text = "|".join(
        [
            str(result.week),
            str(result.number),
            result.title,
            ",".join(str(item.pk) for item in result.added),
            ",".join(str(item.pk) for item in result.kept),
            ",".join(str(pk) for pk in result.removed),
        ]
    )
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def check_week(week, now):
    """Refuse a week that has not begun, whatever the caller asks."""
    if week.start() > now:
        raise FutureWeek(
            _("%(week)s has not begun yet: its bulletin cannot be assembled.")
            % {"week": week.label()},
            week,
        )


def check_cutoff(week, now, early_reason):
    """Before the cut-off, only an early publication with a reason."""
    cutoff = week.cutoff()
    if now < cutoff and not early_reason:
        raise CutoffNotPassed(
            _(
                "%(week)s: its cut-off (%(cutoff)s) has not passed. Publish early with a "
                "reason, or wait for the cut-off."
            )
            % {
                "week": week.label(),
                "cutoff": moment_text(cutoff),
            },
            week,
        )
    return now < cutoff


def assemble(
    week, *, dry_run=False, user=None, early_reason=None, expected_fingerprint=None, now=None
):
    """Create or refresh the bulletin of `week`; returns what was (or would be) done.

    Raises FutureWeek for a week that has not begun, CutoffNotPassed before the week's cut-off
    unless `early_reason` is given (not for a dry run), and PreviewOutdated when
    `expected_fingerprint` is given and no longer matches. All are AssemblyRefused.
    """
    now = now or timezone.now()
    early_reason = (early_reason or "").strip()
    check_week(week, now)
    # Titles are data: written in the site's language whoever triggers the run.
    with collector_paused(), translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        result = _assemble_locked(
            week,
            dry_run=dry_run,
            user=user,
            early_reason=early_reason,
            expected_fingerprint=expected_fingerprint,
            now=now,
        )
    logger.info("Bulletin assembly %s: %s", week, result.message)
    return result


def _assemble_locked(week, *, dry_run, user, early_reason, expected_fingerprint, now):
    result = AssemblyResult(week=week, dry_run=dry_run)
    index = BulletinIndexPage.objects.select_for_update().get(pk=get_index().pk)
    bulletin = BulletinPage.objects.filter(iso_year=week.iso_year, iso_week=week.iso_week).first()
    if bulletin is not None and bulletin.is_issued():
        return _already_issued(result, bulletin, week.cutoff())
    new_items = list(eligible_items(week.cutoff()))
    current = bulletin.get_latest_revision_as_object() if bulletin else None
    current_values = current.entry_values() if current else []
    _plan(result, index, bulletin, current_values, new_items)
    if bulletin is None and not new_items:
        result.message = _("No approved items to assemble.")
        return result
    if not dry_run:
        result.early = check_cutoff(week, now, early_reason)
    _check_preview_unchanged(result, expected_fingerprint)
    if dry_run:
        result.message = _(
            "Assembled now, the bulletin would have %(added)d new items, keep %(kept)d and "
            "leave out %(removed)d."
        ) % counts(result)
        return result
    _save(result, index, current, current_values, user=user, early_reason=early_reason)
    return result


def _already_issued(result, bulletin, cutoff):
    """An issued bulletin is never assembled again: late items wait for the next one."""
    result.bulletin = bulletin
    result.number, result.title = bulletin.number, bulletin.title
    result.waiting = list(eligible_items(cutoff))
    result.message = _("already published; %(count)d late items wait for the next bulletin") % {
        "count": len(result.waiting)
    }
    return result


def _plan(result, index, bulletin, current_values, new_items):
    """What the assembly would do: the items kept, removed (no longer live) and added."""
    current_ids = [value["item"] for value in current_values]
    still_live = (
        NewsItemPage.objects.live()
        .public()
        .filter(pk__in=current_ids)
        .select_related("topic", "agency", "original_file")
    )
    result.kept = list(still_live)
    result.removed = sorted(set(current_ids) - {item.pk for item in result.kept})
    result.added = sorted(new_items, key=bulletin_order)
    result.bulletin = bulletin
    if bulletin is None:
        result.number = next_number(index, result.week.iso_year)
        result.title = bulletin_title(result.number, result.week.iso_year)
    else:
        result.number, result.title = bulletin.number, bulletin.title
    result.fingerprint = fingerprint(result)


def _check_preview_unchanged(result, expected_fingerprint):
    if expected_fingerprint is not None and expected_fingerprint != result.fingerprint:
        raise PreviewOutdated(
            _(
                "%(week)s: the items have changed since the preview. Check the new preview "
                "and confirm again."
            )
            % {"week": result.week.label()},
            result.week,
        )


def _save(result, index, current, current_values, *, user, early_reason):
    """Write the planned entries as a new revision (of a new bulletin if need be), publish it.

    The bulletin is saved up to three times (created, revision, published): Wagtail's search
    and reference index tasks run once, at the end, for what was last saved.
    """
    with tasks_coalesced():
        _save_and_publish(result, index, current, current_values, user=user)
    if result.early:
        cutoff = result.week.cutoff()
        data = {"reason": early_reason, "cutoff": cutoff.isoformat(), "published": result.published}
        log(result.bulletin, EARLY_PUBLICATION, user=user, data=data)
    result.bulletin = BulletinPage.objects.get(pk=result.bulletin.pk)
    result.message = summary(result)


def _save_and_publish(result, index, current, current_values, *, user):
    if result.bulletin is None:
        result.bulletin = current = new_bulletin(index, result.week)
        result.created = True
    current.entries = merged_entries(current_values, result.kept, result.added)
    revision = current.save_revision(user=user, log_action=True)
    if auto_publish():
        with lend_items(result.items):  # the delivery's payload shows them: loaded already
            revision.publish(user=user)
        result.published = True


def counts(result):
    return {
        "added": len(result.added),
        "kept": len(result.kept),
        "removed": len(result.removed),
    }


def summary(result):
    values = {"title": result.bulletin.title, **counts(result)}
    if result.published:
        return (
            _("%(title)s is published: %(added)d new items, %(kept)d kept, %(removed)d left out.")
            % values
        )
    return (
        _(
            "%(title)s is saved as a draft: %(added)d new items, %(kept)d kept, "
            "%(removed)d left out."
        )
        % values
    )


def current_week(now=None):
    return Week.containing(now or timezone.now())
