import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Revision,
    Workflow,
    WorkflowPage,
)

from cchc_news.models import CCHCSectionPage, NewsIndexPage
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "title", "live")),
        "revisions": Revision.objects.count(),
        "groups": list(Group.objects.order_by("name").values_list("name", flat=True)),
        "group_perms": sorted(
            Permission.objects.filter(group__isnull=False).values_list("group__name", "codename")
        ),
        "page_perms": sorted(
            GroupPagePermission.objects.values_list("group_id", "page_id", "permission_id")
        ),
        "collections": list(Collection.objects.values_list("path", "name")),
        "collection_perms": GroupCollectionPermission.objects.count(),
        "workflows": list(Workflow.objects.values_list("name", "active")),
        "workflow_pages": list(WorkflowPage.objects.values_list("page_id", "workflow_id")),
    }


def test_setup_cchc_run_twice_changes_nothing_the_second_time(db, capsys):
    AgencyFactory(code="stp")
    call_command("setup_cchc")
    first = snapshot()
    capsys.readouterr()

    call_command("setup_cchc")
    assert snapshot() == first
    output = capsys.readouterr().out
    assert output.count("\n") == 1  # only the summary line: no change listed


def test_setup_builds_the_tree_under_the_site_home(db):
    call_command("setup_cchc")
    section = CCHCSectionPage.objects.get()
    assert section.live and section.slug == "cai-cach-hanh-chinh"
    assert section.get_parent().specific_class.__name__ == "HomePage"
    assert section.url == "/cai-cach-hanh-chinh/"


def test_setup_provisions_agencies_and_department_groups(db):
    agency = AgencyFactory(code="syt")
    call_command("setup_cchc")
    assert NewsIndexPage.objects.filter(agency=agency).exists()
    from workflows.roles import leadership_group_name, office_group_name

    section = CCHCSectionPage.objects.get()
    office = Group.objects.get(name=office_group_name())
    assert {"add_page", "change_page", "publish_page"} <= set(
        GroupPagePermission.objects.filter(group=office, page=section).values_list(
            "permission__codename", flat=True
        )
    )
    assert Group.objects.filter(name=leadership_group_name()).exists()


def test_setup_deactivates_wagtails_default_workflow_on_the_root(db):
    default = Workflow.objects.get(name="Moderators approval")
    assert default.active and WorkflowPage.objects.filter(workflow=default).exists()
    call_command("setup_cchc")
    default.refresh_from_db()
    assert not default.active
    assert not WorkflowPage.objects.filter(workflow=default).exists()


def test_setup_leaves_wagtails_default_workflow_to_a_host_that_did_not_ask(db, settings):
    settings.CCHC_DEACTIVATE_WAGTAIL_DEFAULT_WORKFLOW = False  # the default; the portal asks
    call_command("setup_cchc")
    default = Workflow.objects.get(name="Moderators approval")
    assert default.active and WorkflowPage.objects.filter(workflow=default).exists()
