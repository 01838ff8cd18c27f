"""An issued bulletin is read-only: it changes only through a correction ("Đính chính").

Built on Wagtail's own lock (`BulletinPage.get_lock`) and permission tester
(`BulletinPage.permissions_for_user`), so every admin view that edits, reverts,
publishes, unpublishes, deletes, moves or copies a page refuses it, bulk actions
included. The lock opens only while a correction is open, and only for the people who may
publish the bulletin (the CCHC office, the leadership, superusers).
"""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.locks import BaseLock
from wagtail.models import PagePermissionTester


def may_correct(user, bulletin):
    """The office, the leadership and superusers: whoever Wagtail lets publish it.

    Asked of Wagtail's base tester: ours asks the lock, which would ask us back.
    """
    return PagePermissionTester(user, bulletin).can_publish()


def lock_for_bulletin(bulletin, wagtail_lock):
    """The lock that applies to `bulletin`, given the one Wagtail would apply otherwise."""
    if not bulletin.is_issued():
        return wagtail_lock
    correction = bulletin.open_correction()
    if correction is None:
        return IssuedBulletinLock(bulletin)
    # During a correction Wagtail's own locks (a scheduled publication, which closes it to
    # everyone; a lock taken by a corrector) still apply as Wagtail shows them.
    return wagtail_lock or IssuedBulletinLock(bulletin, correction)


class IssuedBulletinLock(BaseLock):
    """Closed to everyone, superusers too; during a correction open to those who may correct."""

    def __init__(self, bulletin, correction=None):
        super().__init__(bulletin)
        self.correction = correction

    def for_user(self, user):
        return self.correction is None or not may_correct(user, self.object)

    def get_message(self, user):
        if self.correction is None:
            message = format_html(
                "<b>{}</b> {}",
                _("This bulletin has been issued and cannot be edited."),
                _(
                    "An issued bulletin is changed only by a correction, which the CCHC "
                    "office or the leadership opens with a reason."
                ),
            )
            if may_correct(user, self.object):
                message = format_html(
                    '{} <a href="{}">{}</a>',
                    message,
                    reverse("bulletin_correction_open", args=[self.object.pk]),
                    _("Correct this bulletin"),
                )
            return message
        if self.for_user(user):
            return _(
                "A correction of this bulletin is being prepared by the CCHC office; "
                "only the office and the leadership can edit it."
            )
        return format_html(
            "<b>{}</b> {} {}",
            _("Correction in progress."),
            _("Reason: %(reason)s.") % {"reason": self.correction.reason.rstrip(" .")},
            _(
                "Only the introduction and the entries can change; publishing the "
                "bulletin publishes the correction."
            ),
        )

    def get_icon(self, user):
        return "lock" if self.for_user(user) else "lock-open"

    def get_locked_by(self, user):
        if self.correction is None:
            return _("Issued")
        return _("Correction in progress")

    def get_description(self, user):
        if self.correction is None:
            return _("An issued bulletin is changed only by a correction")
        if self.for_user(user):
            return _("Only the CCHC office and the leadership can edit a correction")
        return _("You can edit the introduction and the entries, then publish the correction")


class BulletinPermissionTester(PagePermissionTester):
    """What a user may do to a bulletin: Wagtail's answer, narrowed.

    An issued bulletin is never deleted, moved or unpublished, by anyone: it has been read
    and sent to the central e-bulletin. No bulletin is copied: a copy would be a second
    bulletin for the same week. Publishing (and so scheduling or restricting who sees it)
    follows the lock: while no correction is open, nobody publishes an issued bulletin.
    """

    def issued(self):
        return self.page.is_issued()

    def can_delete(self, ignore_bulk=False):
        return not self.issued() and super().can_delete(ignore_bulk=ignore_bulk)

    def can_unpublish(self):
        return not self.issued() and super().can_unpublish()

    def can_move(self):
        return not self.issued() and super().can_move()

    def can_move_to(self, destination):
        # Wagtail lets superusers move anywhere without asking can_move().
        return not self.issued() and super().can_move_to(destination)

    def can_set_view_restrictions(self):
        # Making it private would take it from its readers as unpublishing would.
        return not self.issued() and super().can_set_view_restrictions()

    def can_copy(self):
        return False

    def can_copy_to(self, destination, recursive=False):
        return False

    def can_publish(self):
        if self.issued() and self.page_locked():
            return False
        return super().can_publish()


class ArchivePermissionTester(PagePermissionTester):
    """The archive goes nowhere while it holds an issued bulletin.

    Deleting it would delete its bulletins with it, and moving it would change their
    addresses, which the central e-bulletin and readers already have.
    """

    def holds_issued(self):
        return self.page.holds_issued_bulletins()

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk=ignore_bulk) and not self.holds_issued()

    def can_move(self):
        return super().can_move() and not self.holds_issued()

    def can_move_to(self, destination):
        return super().can_move_to(destination) and not self.holds_issued()
