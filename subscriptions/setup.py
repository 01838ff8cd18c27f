"""The subscriptions' part of `setup_cchc`: who may read the mailings' counts."""

from cchc_news.provisioning import ensure_group
from workflows.roles import leadership_group_name, office_group_name

VIEW_MAILINGS = "view_bulletinmailing"


def grant_mailing_permission(sender, section, **kwargs):
    """section_ready: the CCHC office and the leadership see the counts; the changes made."""
    changes = []
    for group_name in (office_group_name, leadership_group_name):
        _group, group_changes = ensure_group(group_name(), [("subscriptions", VIEW_MAILINGS)])
        changes += group_changes
    return changes
