"""The admin screens each role works in: no serious or critical axe-core violation, light or dark.

Roles and their screens (see tests/conftest.py for the users and their groups):

- the agency editor: the dashboard, the news item editor, their agency's participation;
- the agency head: the dashboard, the review screen, their agency's participation;
- the CCHC office: the dashboard, the review screen, the bulletin assembly, the participation
  report;
- the Department's leadership: the dashboard, the review screen, the participation report;
- each of them: their page of the user guide.

Each screen is checked in Wagtail's light and dark themes (the user's theme setting), and with
the "system" setting in a browser that prefers dark; the screenshots and axe-core's raw results
are in test-artifacts, named after the role, the screen and the theme.
"""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.factories import TopicFactory
from tests.workflows.builders import act_on, draft_item, start_review
from workflows.review_screen import review_url

from .artifacts import assert_accessible, screenshot
from .test_admin_slugs import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# name: (Wagtail's theme setting, the browser's prefers-color-scheme)
THEMES = {
    "light": ("light", "light"),
    "dark": ("dark", "light"),
    "system-dark": ("system", "dark"),
}
# Markup of Wagtail's own that we cannot change; each exclusion names one rule and its elements.
WAGTAIL_EXCLUSIONS = [
    # Draftail, Wagtail's rich text editor: its contenteditable has role="textbox" and no name
    # of its own; Wagtail's field label points at the hidden input that holds the content.
    ("aria-input-field-name", ".Draftail-Editor .public-DraftEditor-content"),
]


def items_in_review(agency, editor, head, office):
    """Three items waiting: at the head's step, at the office's and at the leadership's."""
    topic = TopicFactory()
    items = []
    for number, approvers in enumerate([[], [head], [head, office]], start=1):
        item = draft_item(agency, editor, title=f"Tin chờ duyệt số {number}", topic=topic)
        start_review(item, editor)
        for approver in approvers:
            act_on(item, approver, "approve")
        items.append(item)
    return items


@pytest.fixture
def role_screens(agency_a, agency_b, editor_a, head_a, office_user, leader):
    """[(role, user, {screen: address})]; agency_b contributes nothing (a highlighted row)."""
    at_head, at_office, at_leader = items_in_review(agency_a, editor_a, head_a, office_user)
    draft = draft_item(agency_a, editor_a, title="Bản nháp của chuyên viên", topic=TopicFactory())
    sent_back = draft_item(agency_a, editor_a, title="Tin bị trả lại", topic=TopicFactory())
    start_review(sent_back, editor_a)
    act_on(sent_back, head_a, "reject", comment="Đề nghị bổ sung số liệu.")
    dashboard = reverse("wagtailadmin_home")
    own_report = reverse("participation_my_agency")
    report = reverse("participation_report")
    guide = reverse("cchc_guide_own")  # the user guide's page of the reader's role
    return [
        (
            "editor",
            editor_a,
            {
                "dashboard": dashboard,
                "news-editor": reverse("wagtailadmin_pages:edit", args=(draft.pk,)),
                "news-editor-sent-back": reverse("wagtailadmin_pages:edit", args=(sent_back.pk,)),
                "my-agency-report": own_report,
                "guide": guide,
            },
        ),
        (
            "head",
            head_a,
            {
                "dashboard": dashboard,
                "review": review_url(at_head.pk),
                "my-agency-report": own_report,
                "guide": guide,
            },
        ),
        (
            "office",
            office_user,
            {
                "dashboard": dashboard,
                "review": review_url(at_office.pk),
                "assembly": reverse("bulletin_assemble"),
                "report": report,
                "guide": guide,
            },
        ),
        (
            "leadership",
            leader,
            {
                "dashboard": dashboard,
                "review": review_url(at_leader.pk),
                "report": report,
                "guide": guide,
            },
        ),
    ]


def use_theme(page, user, theme):
    setting, preference = THEMES[theme]
    profile = UserProfile.get_for_user(user)
    profile.theme = setting
    profile.save(update_fields=["theme"])
    page.emulate_media(color_scheme=preference)


def test_each_roles_screens_are_accessible_in_every_theme(page, role_screens, subtests):
    """One test over the roles, screens and themes: the data is built once; each reported
    apart."""
    for role, user, screens in role_screens:
        page.context.clear_cookies()
        log_in(page, user)
        for theme in THEMES:
            use_theme(page, user, theme)
            for screen, address in screens.items():
                name = f"admin-{role}-{screen}-{theme}"
                with subtests.test(msg=name):
                    response = page.goto(address)

                    assert response.status == 200
                    screenshot(page, name)
                    assert_accessible(page, name, WAGTAIL_EXCLUSIONS)
