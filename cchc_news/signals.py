from contextlib import contextmanager
from contextvars import ContextVar

from django.dispatch import Signal

#: Sent by `setup_cchc` once the section page and the agencies are in place, with
#: `section` (the CCHCSectionPage). Apps that build on cchc_news (workflows, bulletin)
#: receive it to set up their own parts idempotently; each receiver returns a list of
#: human-readable changes, empty when nothing changed.
section_ready = Signal()

#: Sent when the section home is rendered, with `section` and `request`. Apps built on
#: cchc_news add what they show there (the bulletin app: the latest bulletin); each
#: receiver returns a dict of template context, in a constant number of queries.
section_home_context = Signal()


# Code that replays made-up history (the demo's review history) sets this; the apps that
# notify people of workflow events (workflows) stay silent while it is set.
_notifications_muted = ContextVar("cchc_notifications_muted", default=False)


@contextmanager
def notifications_muted():
    token = _notifications_muted.set(True)
    try:
        yield
    finally:
        _notifications_muted.reset(token)


def notifications_are_muted():
    return _notifications_muted.get()


#: Sent when a published news item is withdrawn ("Gỡ tin") with `item` (the NewsItemPage,
#: already unpublished), `reason` (text) and `user`, inside the withdrawing transaction.
#: The bulletin app receives it to correct a published bulletin that held the item.
item_withdrawn = Signal()


#: Sent by the scheduler's tick (cchc_news.scheduler.tick) with `now` (an aware datetime: what
#: is due is decided at that moment) and `clock` (the tick's TickClock, for recorded times):
#: the apps built on cchc_news connect their periodic jobs to it (bulletin: the catch-up
#: assembly and due deliveries; workflows: due review reminders), each wrapped in
#: cchc_news.scheduler.scheduled_job so that it is recorded and isolated from the others.
scheduler_tick = Signal()
