from django.db.models.signals import post_save
from wagtail.models import Revision
from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_published, page_unpublished

from cchc_news.generation_cache import cached_by_generation
from cchc_news.models import NewsItemPage
from cchc_news.models.pages import public_pages
from cchc_news.scheduler import scheduled_job
from cchc_news.signals import item_withdrawn, scheduler_tick, section_home_context, section_ready

from . import catch_up, membership
from .archive_listing import without_entries
from .models import BulletinIndexPage, BulletinPage, live_item_counts


def set_up_archive(sender, section, **kwargs):
    from .setup import ensure_archive

    return ensure_archive(section)


def deliver_published_bulletin(sender, instance, revision=None, **kwargs):
    """Publishing a bulletin notifies the central e-bulletin: first published, then corrected."""
    from . import corrections, delivery

    delivery.enqueue(corrections.record_publication(instance, revision))


def render_pdf_of_published_bulletin(sender, instance, **kwargs):
    """The worker renders the PDF now, not a visitor's request later (bulletin.pdf)."""
    from .pdf import render_after_commit

    render_after_commit(instance.pk)


def render_pdf_of_bulletin_of_item(sender, instance, **kwargs):
    """An item's title, summary or state shows in its bulletin's PDF: render it again."""
    from .pdf import render_after_commit, renders_after_commit

    if renders_after_commit():  # else no query: nothing would be queued
        bulletin_pk = (
            BulletinPage.objects.filter(memberships__item_id=instance.pk)
            .values_list("pk", flat=True)
            .first()
        )
        if bulletin_pk is not None:
            render_after_commit(bulletin_pk)


def correct_bulletin_of_withdrawn_item(sender, item, reason, user=None, **kwargs):
    """A withdrawn item leaves its bulletin: a correction if the bulletin was issued."""
    from . import corrections

    corrections.correct_withdrawn_item(item, reason, user)


def ping_websub_hub(sender, instance, **kwargs):
    """Tell the WebSub hub (if any) that the feeds showing this page changed."""
    from . import delivery
    from .feeds import feed_urls_for_page

    delivery.enqueue(delivery.record_websub_ping(feed_urls_for_page(instance)))


def reindex_bulletin_of_item(sender, instance, **kwargs):
    """A bulletin is found by its items' text: keep that text current when one changes."""
    bulletin = BulletinPage.objects.filter(memberships__item_id=instance.pk).first()
    if bulletin is not None:
        insert_or_update_object(bulletin)


@scheduled_job(catch_up.ASSEMBLY_JOB)
def assemble_due_weeks(now):
    """The scheduler's tick: every past week whose bulletin is missing (bulletin.catch_up)."""
    return catch_up.assemble_due_weeks(now)


@scheduled_job(catch_up.DELIVERIES_JOB)
def dispatch_due_deliveries(now):
    """The scheduler's tick: retries that are due and first tries that never left."""
    from . import delivery

    return delivery.dispatch_due()


def latest_bulletin_for_section_home(sender, section, request=None, **kwargs):
    """The section home shows the latest published bulletin and links to the archive (read
    once per generation of public content)."""
    return cached_by_generation(
        f"section-home-bulletin:{section.pk}",
        lambda: latest_bulletin_and_archive(section, request),
        request,
    )


def latest_bulletin_and_archive(section, request):
    bulletin = (
        public_pages(BulletinPage.objects.descendant_of(section).live(), request)
        .order_by("-iso_year", "-number")
        .first()
    )
    if bulletin is not None:
        bulletin.item_count = live_item_counts([bulletin], request)[bulletin.pk]
        without_entries(bulletin)
    archive = BulletinIndexPage.objects.child_of(section).live().first()
    return {"latest_bulletin": bulletin, "bulletin_archive": archive}


def register():
    section_ready.connect(set_up_archive, dispatch_uid="bulletin.set_up_archive")
    # In this order: a bulletin assembled by the tick is delivered in the same tick.
    scheduler_tick.connect(assemble_due_weeks, dispatch_uid="bulletin.tick.assembly")
    scheduler_tick.connect(dispatch_due_deliveries, dispatch_uid="bulletin.tick.deliveries")
    section_home_context.connect(
        latest_bulletin_for_section_home, dispatch_uid="bulletin.latest_bulletin_for_section_home"
    )
    # Before any other receiver: what the bulletin holds is part of publishing it.
    page_published.connect(
        membership.holds_live_entries,
        sender=BulletinPage,
        dispatch_uid="bulletin.membership.holds_live_entries",
    )
    post_save.connect(
        membership.holds_draft_entries,
        sender=Revision,
        dispatch_uid="bulletin.membership.holds_draft_entries",
    )
    page_published.connect(
        deliver_published_bulletin,
        sender=BulletinPage,
        dispatch_uid="bulletin.deliver_published_bulletin",
    )
    item_withdrawn.connect(
        correct_bulletin_of_withdrawn_item,
        sender=NewsItemPage,
        dispatch_uid="bulletin.correct_bulletin_of_withdrawn_item",
    )
    for model in (BulletinPage, NewsItemPage):
        page_published.connect(
            ping_websub_hub, sender=model, dispatch_uid=f"bulletin.ping_websub.{model.__name__}"
        )
    for signal in (page_published, page_unpublished):
        signal.connect(
            reindex_bulletin_of_item,
            sender=NewsItemPage,
            dispatch_uid=f"bulletin.reindex_bulletin_of_item.{signal is page_published}",
        )
    connect_pdf_rendering()


def connect_pdf_rendering():
    page_published.connect(
        render_pdf_of_published_bulletin,
        sender=BulletinPage,
        dispatch_uid="bulletin.render_pdf_of_published_bulletin",
    )
    for signal in (page_published, page_unpublished):
        signal.connect(
            render_pdf_of_bulletin_of_item,
            sender=NewsItemPage,
            dispatch_uid=f"bulletin.render_pdf_of_bulletin_of_item.{signal is page_published}",
        )
