"""Who may do what to whose news item: the permission matrix of the CCHC review.

Every cell of MATRIX is one test: a role acts, through the admin, on an item of its own
agency or of another one, and the test checks both the answer and the effect (a change
saved or not, a workflow started or not, a task approved or not, an item live or not).

One set of items is built once for the module (one per agency at each stage); every
test runs in its own savepoint and is rolled back, so the cells do not see each other.
"""

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from cchc_news.models import NewsItemPage
from cchc_news.setup import setup_cchc
from tests.admin_forms import news_item_form
from tests.factories import AgencyFactory, NewsItemPageFactory, TopicFactory, UserFactory
from tests.files import make_pdf as pdf_bytes
from tests.helpers import assert_denied
from workflows.roles import leadership_group_name, office_group_name

from .helpers import action_url, edit_url

pytestmark = pytest.mark.django_db(transaction=False)

ALLOWED, DENIED = "allowed", "denied"

# (role, action) -> (on an item of the user's own agency, on an item of another agency).
# The CCHC office, the leadership and visitors belong to no agency: both columns agree.
MATRIX = {
    ("editor", "view_edit"): (ALLOWED, DENIED),
    ("editor", "edit"): (ALLOWED, DENIED),
    ("editor", "submit"): (ALLOWED, DENIED),
    ("editor", "approve_stage1"): (DENIED, DENIED),
    ("editor", "approve_stage2"): (DENIED, DENIED),
    ("editor", "approve_stage3"): (DENIED, DENIED),
    ("editor", "publish_directly"): (DENIED, DENIED),
    ("head", "view_edit"): (ALLOWED, DENIED),
    ("head", "edit"): (ALLOWED, DENIED),
    ("head", "submit"): (ALLOWED, DENIED),
    ("head", "approve_stage1"): (ALLOWED, DENIED),
    ("head", "approve_stage2"): (DENIED, DENIED),
    ("head", "approve_stage3"): (DENIED, DENIED),
    ("head", "publish_directly"): (DENIED, DENIED),
    ("office", "view_edit"): (ALLOWED, ALLOWED),
    ("office", "edit"): (ALLOWED, ALLOWED),
    ("office", "submit"): (ALLOWED, ALLOWED),
    ("office", "approve_stage1"): (DENIED, DENIED),
    ("office", "approve_stage2"): (ALLOWED, ALLOWED),
    ("office", "approve_stage3"): (DENIED, DENIED),
    ("office", "publish_directly"): (ALLOWED, ALLOWED),
    # The issue does not forbid the leadership to send an item for review, and Wagtail lets
    # whoever may edit a page submit it; the leadership then cannot sign off that item.
    ("leadership", "view_edit"): (ALLOWED, ALLOWED),
    ("leadership", "edit"): (ALLOWED, ALLOWED),
    ("leadership", "submit"): (ALLOWED, ALLOWED),
    ("leadership", "approve_stage1"): (DENIED, DENIED),
    ("leadership", "approve_stage2"): (DENIED, DENIED),
    ("leadership", "approve_stage3"): (ALLOWED, ALLOWED),
    ("leadership", "publish_directly"): (ALLOWED, ALLOWED),
    ("anonymous", "view_edit"): (DENIED, DENIED),
    ("anonymous", "edit"): (DENIED, DENIED),
    ("anonymous", "submit"): (DENIED, DENIED),
    ("anonymous", "approve_stage1"): (DENIED, DENIED),
    ("anonymous", "approve_stage2"): (DENIED, DENIED),
    ("anonymous", "approve_stage3"): (DENIED, DENIED),
    ("anonymous", "publish_directly"): (DENIED, DENIED),
}
ROLES = ("editor", "head", "office", "leadership", "anonymous")
ACTIONS = (
    "view_edit",
    "edit",
    "submit",
    "approve_stage1",
    "approve_stage2",
    "approve_stage3",
    "publish_directly",
)
CELLS = [
    pytest.param(role, action, agency, expected, id=f"{role}-{action}-{agency}")
    for role in ROLES
    for action in ACTIONS
    for agency, expected in zip(("own", "other"), MATRIX[(role, action)], strict=True)
]
# The users of the matrix belong to agency A: "own" is A's item, "other" is B's.
AGENCY_OF = {"own": "a", "other": "b"}

NEW_TITLE = "Tiêu đề đã biên tập lại"
REASON = "Tin khẩn theo chỉ đạo của Chủ tịch UBND tỉnh"


def make_document(agency):
    return get_document_model().objects.create(
        title="Tệp gốc",
        file=ContentFile(pdf_bytes(1), name="tin-bai.pdf"),
        collection=agency.collection,
    )


def in_review(item, author, approvers):
    """Submit `item` as `author`, then approve one stage per approver (model API)."""
    workflow_state = item.get_workflow().start(item, author)
    for approver in approvers:
        workflow_state.refresh_from_db()
        workflow_state.current_task_state.approve(user=approver)
    workflow_state.refresh_from_db()
    return workflow_state.current_task_state


def build_world():
    setup_cchc()
    with translation.override(settings.LANGUAGE_CODE):
        office_group = Group.objects.get(name=office_group_name())
        leadership_group = Group.objects.get(name=leadership_group_name())
    agencies = {
        "a": AgencyFactory(name="Sở Tư pháp", short_name="Sở Tư pháp", code="stp"),
        "b": AgencyFactory(name="UBND phường Bến Thành", short_name="P. Bến Thành", code="pbt"),
    }
    a, b = agencies["a"], agencies["b"]
    users = SimpleNamespace(
        editor=UserFactory(username="m_editor_a", groups=[a.editors_group]),
        author_a=UserFactory(username="m_author_a", groups=[a.editors_group]),
        author_b=UserFactory(username="m_author_b", groups=[b.editors_group]),
        head=UserFactory(username="m_head_a", groups=[a.heads_group]),
        head_a2=UserFactory(username="m_head_a2", groups=[a.heads_group]),
        head_b=UserFactory(username="m_head_b", groups=[b.heads_group]),
        office=UserFactory(username="m_office", groups=[office_group]),
        office2=UserFactory(username="m_office2", groups=[office_group]),
        leadership=UserFactory(username="m_leader", groups=[leadership_group]),
        leader2=UserFactory(username="m_leader2", groups=[leadership_group]),
        anonymous=None,
    )
    topic = TopicFactory()
    documents = {key: make_document(agency) for key, agency in agencies.items()}
    authors = {"a": users.author_a, "b": users.author_b}
    heads = {"a": users.head, "b": users.head_b}

    def item(key, title, owner):
        page = NewsItemPageFactory(
            parent=agencies[key].index_page,
            title=title,
            owner=owner,
            live=False,
            topic=topic,
            original_file=documents[key],
        )
        page.save_revision(user=owner)
        return NewsItemPage.objects.get(pk=page.pk)

    # items[(agency, stage)]: stage 0 is a draft never submitted.
    items, task_states = {}, {}
    for key in agencies:
        approvers = [heads[key], users.office]
        for stage in (0, 1, 2, 3):
            page = item(key, f"Tin {key.upper()} ở bước {stage}", authors[key])
            items[(key, stage)] = page
            if stage:
                task_states[(key, stage)] = in_review(page, authors[key], approvers[: stage - 1])

    # Items written and submitted by a member of each stage's reviewing group.
    self_authors = {1: users.head, 2: users.office, 3: users.leadership}
    colleagues = {1: users.head_a2, 2: users.office2, 3: users.leader2}
    own_items = {}
    for stage, author in self_authors.items():
        page = item("a", f"Tin tự viết ở bước {stage}", author)
        own_items[stage] = (
            page,
            in_review(page, author, [users.head_a2, users.office2][: stage - 1]),
        )

    return SimpleNamespace(
        agencies=agencies,
        users=users,
        topic=topic,
        documents=documents,
        items=items,
        task_states=task_states,
        self_authors=self_authors,
        colleagues=colleagues,
        own_items=own_items,
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once in a transaction that is rolled back when the module is done."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)
    cache.clear()  # Wagtail caches site root paths of the rolled-back data


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def item_form(world, item, **fields):
    return news_item_form(
        title=fields.pop("title", item.title),
        slug=item.slug,
        topic=world.topic,
        original_file=fresh(item).original_file_id,
        **fields,
    )


def assert_refused(response, user):
    """Visitors are sent to the login page; signed-in users are denied by Wagtail."""
    if user is None:
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith(reverse("wagtailadmin_login")), response["Location"]
    else:
        assert_denied(response)


def latest_title(item):
    return fresh(item).get_latest_revision_as_object().title


def in_progress(item):
    return item.workflow_states.filter(status=WorkflowState.STATUS_IN_PROGRESS).exists()


def publication_reasons(item):
    return list(
        PageLogEntry.objects.filter(
            page=item, action="cchc_news.publish_without_review"
        ).values_list("data__reason", flat=True)
    )


@pytest.mark.parametrize(("role", "action", "agency", "expected"), CELLS)
def test_matrix(client, world, role, action, agency, expected):
    user = getattr(world.users, role)
    if user is not None:
        client.force_login(user)
    key = AGENCY_OF[agency]
    allowed = expected == ALLOWED
    # Users who may open the editor but not do this action see it ignored, not refused.
    opens_editor = MATRIX[(role, "view_edit")][0 if agency == "own" else 1] == ALLOWED

    if action == "view_edit":
        item = world.items[(key, 0)]
        response = client.get(edit_url(item))
        if allowed:
            assert response.status_code == 200
        else:
            assert_refused(response, user)

    elif action == "edit":
        item = world.items[(key, 0)]
        response = client.post(edit_url(item), item_form(world, item, title=NEW_TITLE))
        if allowed:
            assert response.status_code == 302
            assert response["Location"] == edit_url(item)
            assert latest_title(item) == NEW_TITLE
        else:
            assert_refused(response, user)
            assert latest_title(item) == item.title

    elif action == "submit":
        item = world.items[(key, 0)]
        response = client.post(edit_url(item), item_form(world, item, **{"action-submit": "1"}))
        if allowed:
            assert response.status_code == 302
            workflow_state = item.workflow_states.get(status=WorkflowState.STATUS_IN_PROGRESS)
            assert workflow_state.requested_by == user
        else:
            assert_refused(response, user)
            assert not in_progress(item)

    elif action.startswith("approve_stage"):
        stage = int(action[-1])
        item = world.items[(key, stage)]
        task_state = world.task_states[(key, stage)]
        response = client.post(action_url(item, "approve", task_state), {})
        task_state = fresh(task_state)
        if allowed:
            assert response.status_code == 302
            assert task_state.status == TaskState.STATUS_APPROVED
            assert task_state.finished_by == user
        else:
            assert_refused(response, user)
            assert task_state.status == TaskState.STATUS_IN_PROGRESS

    elif action == "publish_directly":
        item = world.items[(key, 0)]
        data = item_form(world, item, **{"action-publish": "1", "publication_reason": REASON})
        response = client.post(edit_url(item), data)
        if allowed:
            assert response.status_code == 302
            assert fresh(item).live
            assert publication_reasons(item) == [REASON]
            history = client.get(reverse("wagtailadmin_pages:history", args=[item.pk]))
            assert history.status_code == 200
            assert REASON in history.content.decode()
        else:
            if not opens_editor:
                assert_refused(response, user)
            # else: Wagtail ignores a publish button the user does not have and saves a draft.
            assert not fresh(item).live
            assert publication_reasons(item) == []  # no false "published without review"
    else:  # pragma: no cover
        raise AssertionError(action)


def test_matrix_covers_every_role_and_action():
    assert set(MATRIX) == {(role, action) for role in ROLES for action in ACTIONS}


@pytest.mark.parametrize("role", ["office", "leadership"])
def test_publishing_without_review_needs_a_reason(client, world, role):
    user = getattr(world.users, role)
    item = world.items[("a", 0)]
    client.force_login(user)
    data = item_form(world, item, **{"action-publish": "1", "publication_reason": "  "})
    response = client.post(edit_url(item), data)
    assert response.status_code == 200
    assert "publication_reason" in response.context["form"].errors
    assert not fresh(item).live
    assert publication_reasons(item) == []


@pytest.mark.parametrize("stage", [1, 2, 3])
def test_nobody_approves_their_own_item(client, world, stage):
    item, task_state = world.own_items[stage]
    author, colleague = world.self_authors[stage], world.colleagues[stage]

    client.force_login(author)
    assert_denied(client.post(action_url(item, "approve", task_state), {}))
    assert fresh(task_state).status == TaskState.STATUS_IN_PROGRESS
    assert task_state.pk not in TaskState.objects.reviewable_by(fresh(author)).values_list(
        "pk", flat=True
    )

    client.force_login(colleague)
    assert client.post(action_url(item, "approve", task_state), {}).status_code == 302
    assert fresh(task_state).status == TaskState.STATUS_APPROVED


def test_head_of_another_agency_does_not_see_the_item_awaiting_review(client, world):
    item, task_state = world.items[("a", 1)], world.task_states[("a", 1)]
    head_a, head_b = world.users.head, world.users.head_b

    assert task_state in TaskState.objects.reviewable_by(fresh(head_a))
    assert task_state not in TaskState.objects.reviewable_by(fresh(head_b))
    assert world.task_states[("b", 1)] in TaskState.objects.reviewable_by(fresh(head_b))

    client.force_login(head_a)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert item.title in dashboard
    # The dashboard's waiting list links to the review screen, which holds the decisions.
    assert reverse("cchc_review", args=(item.pk,)) in dashboard

    client.force_login(head_b)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert world.items[("b", 1)].title in dashboard  # B's own item is there
    for stage in (0, 1, 2, 3):
        assert world.items[("a", stage)].title not in dashboard
    assert reverse("cchc_review", args=(item.pk,)) not in dashboard


def test_action_url_cannot_borrow_the_permission_of_another_item(client, world):
    """Wagtail checks the page named in the URL but acts on the task state named in it."""
    # Head of B names B's item (which they may approve) and A's task state.
    a_state = world.task_states[("a", 1)]
    client.force_login(world.users.head_b)
    response = client.post(action_url(world.items[("b", 1)], "approve", a_state), {})
    assert_denied(response)
    assert fresh(a_state).status == TaskState.STATUS_IN_PROGRESS

    # The office author of an item names someone else's item and their own task state.
    _own_item, own_state = world.own_items[2]
    client.force_login(world.users.office)
    response = client.post(action_url(world.items[("a", 2)], "approve", own_state), {})
    assert_denied(response)
    assert fresh(own_state).status == TaskState.STATUS_IN_PROGRESS


@pytest.mark.parametrize(
    ("role", "expected"),
    [("office", ALLOWED), ("editor", DENIED), ("head", DENIED), ("leadership", DENIED)],
)
def test_who_edits_during_the_office_review(client, world, role, expected):
    """At stage 2 only the CCHC office may change the item; the others find it locked."""
    item = world.items[("a", 2)]
    client.force_login(getattr(world.users, role))
    response = client.post(edit_url(item), item_form(world, item, title=NEW_TITLE))
    if expected == ALLOWED:
        assert response.status_code == 302
        assert latest_title(item) == NEW_TITLE
    else:
        assert response.status_code == 200
        assert response.context["page_locked"] is True
        assert latest_title(item) == item.title
    assert fresh(world.task_states[("a", 2)]).status == TaskState.STATUS_IN_PROGRESS


def test_users_are_who_the_matrix_says(world):
    """Guards the fixture: the matrix's users are not the items' authors."""
    user_model = get_user_model()
    for role in ("editor", "head", "office", "leadership"):
        user = getattr(world.users, role)
        assert not NewsItemPage.objects.filter(
            pk__in=[item.pk for item in world.items.values()], owner=user
        ).exists()
        assert user_model.objects.filter(pk=user.pk, is_active=True).exists()
