"""Task types of the CCHC review workflow.

Wagtail's GroupApprovalTask sends every item to fixed groups; our first stage must
go to the heads of the item's *own* agency, and no stage may be approved by the
item's author. One AgencyHeadApprovalTask instance serves every agency.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Page, Task, TaskState

from cchc_news.models import NewsItemPage
from cchc_news.review_state import workflow_states_of

from . import conf, stand_in
from .authorship import authors_of, exclude_authored
from .review_actions import REVIEW_ACTIONS, checked_action, form_for_action
from .stand_in import OfficeAlert  # noqa: F401 (a model of this app, kept beside its rules)


def prevent_self_approval():
    return conf.get("CCHC_PREVENT_SELF_APPROVAL")


class CCHCReviewTaskMixin:
    """Reviewers act through the three review actions, never on their own items."""

    def is_reviewer(self, obj, user):
        raise NotImplementedError

    def reviewers(self, obj):
        """Active users who may act on `obj` at this task (authors excluded)."""
        raise NotImplementedError

    def may_act(self, obj, user):
        if not (user.is_active and self.is_reviewer(obj, user)):
            return False
        return not (prevent_self_approval() and user.pk in authors_of(obj))

    def user_can_access_editor(self, obj, user):
        return self.is_reviewer(obj, user)

    def locked_for_user(self, obj, user):
        return not self.is_reviewer(obj, user)

    def get_actions(self, obj, user):
        return list(REVIEW_ACTIONS) if self.may_act(obj, user) else []

    def on_action(self, task_state, user, action_name, **kwargs):
        # Wagtail's workflow_action view checks get_actions() against the page named in the
        # URL but acts on the task state named in it, which may be another item's: check the
        # task state's own item, or a head could approve another agency's item (or their own).
        obj = task_state.workflow_state.content_object
        if action_name not in {name for name, _label, _modal in self.get_actions(obj, user)}:
            raise PermissionDenied
        action_name, kwargs = checked_action(action_name, kwargs)
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_form_for_action(self, action):
        return form_for_action(action)

    def exclude_own_items(self, task_states, user):
        if not prevent_self_approval():
            return task_states
        own_pages = Page.objects.filter(owner=user)
        return exclude_authored(task_states, user).exclude(
            workflow_states_of(own_pages, prefix="workflow_state__")
        )

    def without_authors(self, users, obj):
        if not prevent_self_approval():
            return users
        return users.exclude(pk__in=authors_of(obj))


class AgencyHeadApprovalTask(CCHCReviewTaskMixin, Task):
    """Approval by the heads group of the item's own agency.

    When no head can act (none active, or the only ones wrote the item), or once the step was
    escalated, the CCHC office may act in the head's place: see workflows.stand_in.
    """

    office_may_stand_in = True

    def heads_group_id(self, obj):
        cache = getattr(obj, "_cchc_heads_group_id", None)
        if cache is None:
            cache = (
                NewsItemPage.objects.filter(pk=obj.pk)
                .values_list("agency__heads_group_id", flat=True)
                .first()
            ) or 0
            obj._cchc_heads_group_id = cache
        return cache

    def is_head(self, obj, user):
        if user.is_superuser:
            return True
        # Asked two or three times per action on the same item: once per user and item object.
        known = obj.__dict__.setdefault("_cchc_is_head", {})
        if user.pk not in known:
            group_id = self.heads_group_id(obj)
            known[user.pk] = bool(group_id) and user.groups.filter(pk=group_id).exists()
        return known[user.pk]

    def is_reviewer(self, obj, user):
        return self.is_head(obj, user) or stand_in.may_stand_in(self, obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        with transaction.atomic():
            obj = task_state.workflow_state.content_object
            standing_in = None
            if not self.is_head(obj, user):
                standing_in = stand_in.stand_in_reason(self, obj, task_state)
            result = super().on_action(task_state, user, action_name, **kwargs)
            if standing_in:  # only reached when the office member was allowed to act
                stand_in.record_stand_in(task_state, user, action_name, standing_in)
        return result

    def reviewers(self, obj):
        users = get_user_model().objects.filter(is_active=True, groups__pk=self.heads_group_id(obj))
        return self.without_authors(users, obj).distinct()

    def user_can_lock(self, obj, user):
        return self.is_reviewer(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if not user.is_superuser:
            own_agency_items = NewsItemPage.objects.filter(
                agency__heads_group__in=user.groups.all()
            )
            states = states.filter(workflow_states_of(own_agency_items, prefix="workflow_state__"))
            states = states | stand_in.states_to_stand_in(self, user)
        return self.exclude_own_items(states, user)

    @classmethod
    def get_description(cls):
        return _("The heads of the item's own agency approve this step")

    class Meta:
        verbose_name = _("agency head approval")
        verbose_name_plural = _("agency head approvals")


class CCHCGroupApprovalTask(CCHCReviewTaskMixin, AbstractGroupApprovalTask):
    """Wagtail's group approval, without self-approval and with our notifications."""

    def is_reviewer(self, obj, user):
        return user.is_superuser or self._user_in_groups(user)

    def reviewers(self, obj):
        users = get_user_model().objects.filter(is_active=True, groups__in=self.groups.all())
        return self.without_authors(users, obj).distinct()

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return self.exclude_own_items(states, user)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve this step; nobody approves their own item")

    class Meta:
        verbose_name = _("CCHC group approval")
        verbose_name_plural = _("CCHC group approvals")


class ReminderSent(models.Model):
    """A review reminder sent for a waiting task on one local day: at most one a day.

    Written before the e-mail goes, in the same transaction, so that two scheduler ticks at
    once cannot both send it: the second one's insert waits for the first and then fails.
    """

    task_state = models.ForeignKey(
        TaskState, on_delete=models.CASCADE, related_name="+", verbose_name=_("task")
    )
    sent_on = models.DateField(_("sent on"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review reminder sent")
        verbose_name_plural = _("review reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["task_state", "sent_on"], name="one_review_reminder_per_task_per_day"
            )
        ]

    def __str__(self):
        return f"{self.task_state_id} {self.sent_on}"
