"""The participation report's part of `setup_cchc`: who may read the whole report."""

from cchc_news.provisioning import ensure_group
from workflows.roles import leadership_group_name, office_group_name

from .models import VIEW_REPORT

# The department-wide groups (workflows.setup creates them too, with their other rights: whichever
# receiver of section_ready runs first creates each group, the other completes it).
REPORT_READERS = (office_group_name, leadership_group_name)


def grant_report_permission(sender, section, **kwargs):
    """section_ready: the CCHC office and the leadership may read the report; the changes made."""
    changes = []
    for group_name in REPORT_READERS:
        _group, group_changes = ensure_group(group_name(), [("participation", VIEW_REPORT)])
        changes += group_changes
    return changes
