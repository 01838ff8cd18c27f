"""The department-wide groups (CCHC office, leadership) and the moderation workflow."""

from django.contrib.auth.models import Group
from django.utils.translation import gettext as _
from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from cchc_news.provisioning import (
    ensure_group,
    section_collection,
    sync_collection_permissions,
    sync_page_permissions,
)

from . import conf
from .models import AgencyHeadApprovalTask, CCHCGroupApprovalTask
from .roles import leadership_group_name, office_group_name
from .stand_in import STAND_IN

# Created by Wagtail's migration wagtailcore 0048 and assigned to the root page.
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"

FILE_PERMISSIONS = [
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
]
TAXONOMY_PERMISSIONS = [
    ("cchc_news", f"{action}_{model}")
    for model in ("topic", "campaign", "agencykind")
    for action in ("add", "change", "delete")
] + [("cchc_news", "add_agency"), ("cchc_news", "change_agency")]


def set_up_groups(section):
    changes = []
    collection, collection_changes = section_collection()
    changes += collection_changes
    office, group_changes = ensure_group(
        office_group_name(),
        [
            ("wagtailadmin", "access_admin"),
            ("cchc_workflows", STAND_IN),
            *TAXONOMY_PERMISSIONS,
            ("cchc_news", "view_outboxemail"),  # the outgoing e-mails, their failures
            ("cchc_news", "change_departmentidentity"),  # the portal's header and footer
            # Mail in: the received e-mails, the quarantine's assign (change) and discard (delete)
            ("cchc_news", "view_incomingmail"),
            ("cchc_news", "change_incomingmail"),
            ("cchc_news", "delete_incomingmail"),
        ],
    )
    changes += group_changes
    changes += sync_page_permissions(
        office, section, ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
    )
    changes += sync_collection_permissions(office, collection, FILE_PERMISSIONS)

    leadership, group_changes = ensure_group(
        leadership_group_name(), [("wagtailadmin", "access_admin")]
    )
    changes += group_changes
    changes += sync_page_permissions(leadership, section, ["change_page", "publish_page"])
    changes += sync_collection_permissions(
        leadership,
        collection,
        [("wagtaildocs", "choose_document"), ("wagtailimages", "choose_image")],
    )
    return changes


def deactivate_wagtail_default_workflow():
    """Only when the host asks (CCHC_DEACTIVATE_WAGTAIL_DEFAULT_WORKFLOW): the section's own
    workflow is nearer to its pages than the root's, which serves the host's other pages."""
    changes = []
    if not conf.get("CCHC_DEACTIVATE_WAGTAIL_DEFAULT_WORKFLOW"):
        return changes
    for workflow in Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW, active=True):
        workflow.deactivate()
        changes.append(
            _("deactivated Wagtail's default workflow “%(name)s”") % {"name": workflow.name}
        )
    return changes


def workflow_name():
    return _("CCHC news review")


def build_review_workflow(office, leadership):
    """The three-stage workflow: agency head, CCHC office, Department leadership."""
    workflow = Workflow.objects.create(name=workflow_name())
    head_task = AgencyHeadApprovalTask.objects.create(name=_("Agency head approval"))
    office_task = CCHCGroupApprovalTask.objects.create(name=_("CCHC office review"))
    office_task.groups.set([office])
    leadership_task = CCHCGroupApprovalTask.objects.create(name=_("Leadership sign-off"))
    leadership_task.groups.set([leadership])
    for order, task in enumerate((head_task, office_task, leadership_task)):
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


def assign_review_workflow(section):
    """Give the section its workflow, unless it has one (administrators may edit it)."""
    if WorkflowPage.objects.filter(page=section).exists():
        return []
    office = Group.objects.get(name=office_group_name())
    leadership = Group.objects.get(name=leadership_group_name())
    workflow = Workflow.objects.filter(name=workflow_name()).first()
    created = workflow is None
    if created:
        workflow = build_review_workflow(office, leadership)
    WorkflowPage.objects.create(page=section, workflow=workflow)
    changes = [_("created workflow “%(name)s”") % {"name": workflow.name}] if created else []
    return changes + [_("assigned workflow “%(name)s” to the section") % {"name": workflow.name}]


def set_up_moderation(section):
    return (
        set_up_groups(section)
        + deactivate_wagtail_default_workflow()
        + assign_review_workflow(section)
    )
