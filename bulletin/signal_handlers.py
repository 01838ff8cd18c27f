from wagtail.signals import page_published

from cchc_news.signals import section_ready

from .models import BulletinPage


def set_up_archive(sender, section, **kwargs):
    from .setup import ensure_archive

    return ensure_archive(section)


def deliver_published_bulletin(sender, instance, **kwargs):
    """Publishing a bulletin is the one event that notifies the central e-bulletin."""
    from . import delivery

    delivery.enqueue(delivery.record_bulletin_delivery(instance))


def register():
    section_ready.connect(set_up_archive, dispatch_uid="bulletin.set_up_archive")
    page_published.connect(
        deliver_published_bulletin,
        sender=BulletinPage,
        dispatch_uid="bulletin.deliver_published_bulletin",
    )
