"""Publishing a news item without review: who may, and what the history keeps of it.

The office, the leadership and superusers may publish an item at once from the editor with a
reason (and, when checklist rules fail, their acknowledgement, which NewsItemPageForm requires);
editors and agency heads cannot publish at all (Wagtail's page permissions). The record is a
log entry of its own that keeps the reason and the rules that failed at that moment.
"""

from wagtail.log_actions import log

from .checklist.rules import failed_rules

PUBLISH_WITHOUT_REVIEW = "cchc_news.publish_without_review"


def may_publish_without_review(page, user, parent_page=None) -> bool:
    """Wagtail publishes only for those who may; for anyone else "publish" saves a draft. A new
    page (not saved yet) is judged by the page it is created under."""
    if page.pk:
        return page.permissions_for_user(user).can_publish()
    return bool(parent_page) and parent_page.permissions_for_user(user).can_publish_subpage()


def record_publication_without_review(page, user, reason):
    """Log that `user` published the news item `page` at once, with the reason and the
    checklist rules it did not meet; nothing is logged for a user who cannot publish (their
    "publish" only saved a draft) or without a reason."""
    reason = (reason or "").strip()
    if not reason or not may_publish_without_review(page, user):
        return None
    failing = [
        {"code": rule.code, "label": str(rule.label), "detail": str(rule.detail)}
        for rule in failed_rules(page)
    ]
    data = {"reason": reason, "failing_rules": failing}
    return log(page, PUBLISH_WITHOUT_REVIEW, user=user, data=data)
