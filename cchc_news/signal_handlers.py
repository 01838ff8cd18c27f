from django.apps import apps
from django.db import connections
from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.documents import get_document_model
from wagtail.signals import page_published, page_unpublished, post_page_move

from .mail_in.imap import read_mailbox_when_due
from .models import Agency, NewsItemPage
from .public import page_cache
from .signals import scheduler_tick
from .uploads.stored_facts import remember_document_facts
from .withdrawal.actions import forget_withdrawal


def provision_saved_agency(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: the fixture carries the provisioned rows itself
        return
    from .provisioning import provision_agency

    provision_agency(instance)


def measure_saved_document(sender, instance, raw=False, **kwargs):
    if raw or not instance.file:  # loaddata; a document without a file has nothing to measure
        return
    remember_document_facts(instance)  # measures only a file not measured before


def purge_page_cache_on_save(sender, instance, update_fields=None, **kwargs):
    if page_cache.changes_public_content(instance, update_fields):
        page_cache.purge()


def purge_page_cache_on_delete(sender, instance, **kwargs):
    if page_cache.changes_public_content(instance):
        page_cache.purge()


def purge_page_cache(sender, **kwargs):
    page_cache.purge()


def purge_caches_after_migrate(sender, using="default", **kwargs):
    """A deploy runs `migrate`: a new generation makes the cached pages and the values derived
    from content (pickled model instances, rendered fragments) of the previous code stale,
    instead of serving them for their remaining hour. Not when migrated back below the
    table that holds the generation."""
    from .models import ContentChange

    if ContentChange._meta.db_table in connections[using].introspection.table_names():
        page_cache.purge()


def forget_withdrawal_on_publish(sender, instance, **kwargs):
    forget_withdrawal(instance)


def register():
    post_save.connect(
        provision_saved_agency, sender=Agency, dispatch_uid="cchc_news.provision_saved_agency"
    )
    # The original file is measured once, when it is uploaded (uploads.stored_facts).
    post_save.connect(
        measure_saved_document,
        sender=get_document_model(),
        dispatch_uid="cchc_news.measure_saved_document",
    )
    # Without a sender: every Page subclass and the other public models (see page_cache).
    post_save.connect(purge_page_cache_on_save, dispatch_uid="cchc_news.page_cache.save")
    post_delete.connect(purge_page_cache_on_delete, dispatch_uid="cchc_news.page_cache.delete")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge_page_cache, dispatch_uid="cchc_news.public.page_cache.event")
    # Published again: the withdrawal notice at the item's address goes away.
    page_published.connect(
        forget_withdrawal_on_publish,
        sender=NewsItemPage,
        dispatch_uid="cchc_news.forget_withdrawal_on_publish",
    )
    post_migrate.connect(
        purge_caches_after_migrate,
        sender=apps.get_app_config("cchc_news"),
        dispatch_uid="cchc_news.purge_caches_after_migrate",
    )
    # The office's mailbox, read every CCHC_MAIL_IN_INTERVAL_SECONDS (mail_in.imap).
    scheduler_tick.connect(read_mailbox_when_due, dispatch_uid="cchc_news.mail_in.read_mailbox")
