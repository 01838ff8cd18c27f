"""Signals of the bulletin app, for the apps built on it (subscriptions), which it must not
import (DESIGN.md: a lower layer tells a higher one through a signal)."""

from django.dispatch import Signal

#: Sent inside the publishing transaction when a bulletin goes out: its first publication
#: (`correction` None) or the publication that completes a correction (`correction`, a
#: BulletinCorrection), with `bulletin` (the BulletinPage as just published). Never for a
#: re-publication that is neither. Receivers record their work in that transaction.
bulletin_issued = Signal()

#: Sent when the archive or a bulletin is rendered, with `page` and `request`: apps built on
#: the bulletin add what they show there. Each receiver returns a list of template names
#: (included in the page's aside, in a constant number of queries and the same for every
#: visitor: the page is cached for all of them).
bulletin_page_asides = Signal()
