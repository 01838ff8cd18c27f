"""The review's admin: the waiting list on the dashboard, the review screen, and the history
entry of the CCHC office acting in an agency head's place."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from . import review_hooks  # noqa: F401 (the review rules' hooks: cancelling, deciding)
from .roles import leadership_group_name
from .stand_in import STAND_IN, STAND_IN_ACTION, OfficeAlert, stand_in_permission
from .waiting import replace_wagtail_review_panel

hooks.register("construct_homepage_panels", replace_wagtail_review_panel)


@hooks.register("register_admin_urls")
def register_review_urls():
    from .review_screen import urlpatterns

    return urlpatterns


class StandInLogFormatter(LogFormatter):
    """“Approved in the agency head's place at the step …: nobody …” in the item's history."""

    label = _("Acted in the agency head's place")
    messages = {
        "approve": _("Approved in the agency head's place at the step “%(task)s” (%(reason)s)"),
        "reject": _(
            "Changes requested in the agency head's place at the step “%(task)s” (%(reason)s)"
        ),
    }
    reasons = {
        OfficeAlert.NO_REVIEWER: _("no agency head could review it"),
        OfficeAlert.OVERDUE: _("the review was overdue and escalated to the CCHC office"),
    }

    def format_message(self, log_entry):
        data = log_entry.data
        message = self.messages.get(data.get("action"), self.messages["approve"])
        return message % {
            "task": data.get("task", {}).get("title", ""),
            "reason": self.reasons.get(data.get("reason"), data.get("reason", "")),
        }


@hooks.register("register_log_actions")
def register_stand_in_log_action(actions):
    actions.register_action(STAND_IN_ACTION)(StandInLogFormatter)


@hooks.register("register_permissions")
def register_stand_in_permission():
    """The office's permission in Settings → Groups, so administrators can see and grant it."""
    return stand_in_permission()


@hooks.register("cchc_guide_role")
def department_role_for_the_guide(user):
    """The user guide's page for the CCHC office or the leadership (cchc_news.guide.roles).

    The office is who may stand in for agency heads; the leadership has no permission of its own,
    so its group is found by name, which only chooses the guide opened first.
    """
    if user.is_superuser or user.has_perm(f"cchc_workflows.{STAND_IN}"):
        return "office"
    if user.groups.filter(name=leadership_group_name()).exists():
        return "leadership"
    return None
