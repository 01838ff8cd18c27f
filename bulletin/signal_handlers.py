from wagtail.signals import page_published

from cchc_news.models import NewsItemPage
from cchc_news.signals import section_ready

from .models import BulletinPage


def set_up_archive(sender, section, **kwargs):
    from .setup import ensure_archive

    return ensure_archive(section)


def deliver_published_bulletin(sender, instance, **kwargs):
    """Publishing a bulletin is the one event that notifies the central e-bulletin."""
    from . import delivery

    delivery.enqueue(delivery.record_bulletin_delivery(instance))


def ping_websub_hub(sender, instance, **kwargs):
    """Tell the WebSub hub (if any) that the feeds showing this page changed."""
    from . import delivery
    from .feeds import feed_urls_for_page

    delivery.enqueue(delivery.record_websub_ping(feed_urls_for_page(instance)))


def register():
    section_ready.connect(set_up_archive, dispatch_uid="bulletin.set_up_archive")
    page_published.connect(
        deliver_published_bulletin,
        sender=BulletinPage,
        dispatch_uid="bulletin.deliver_published_bulletin",
    )
    for model in (BulletinPage, NewsItemPage):
        page_published.connect(
            ping_websub_hub, sender=model, dispatch_uid=f"bulletin.ping_websub.{model.__name__}"
        )
