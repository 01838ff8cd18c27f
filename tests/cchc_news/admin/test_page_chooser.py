"""The page chooser shows agency editors and heads live pages and their own agency's pages only.

Browse and search, as each role, over an own-agency draft, another agency's draft and another
agency's live item: another agency's draft never appears, neither its title nor its state.
The CCHC office, the leadership and superusers choose among every page.
"""

import pytest
from django.urls import reverse

from cchc_news.models import NewsItemPage
from tests.workflows.builders import draft_item

pytestmark = pytest.mark.django_db

OWN_DRAFT = "Nháp riêng Sở Tư pháp"
OTHER_DRAFT = "Nháp kín phường Bến Thành"
OTHER_LIVE = "Tin đã đăng phường Bến Thành"
SEES_ALL = ["office_user", "leader", "superuser"]
AGENCY_STAFF = ["editor_a", "head_a"]


@pytest.fixture
def items(agency_a, agency_b, editor_a, editor_b):
    own_draft = draft_item(agency_a, editor_a, title=OWN_DRAFT, slug="nhap-rieng")
    other_draft = draft_item(agency_b, editor_b, title=OTHER_DRAFT, slug="nhap-kin")
    other_live = draft_item(agency_b, editor_b, title=OTHER_LIVE, slug="da-dang")
    other_live.save_revision(user=editor_b).publish()
    return {
        "own_draft": own_draft,
        "other_draft": other_draft,
        "other_live": NewsItemPage.objects.get(pk=other_live.pk),
    }


def browse(client, parent):
    response = client.get(reverse("wagtailadmin_choose_page_child", args=(parent.pk,)))
    assert response.status_code == 200
    return response.json()["html"]


def search(client, query):
    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": query})
    assert response.status_code == 200
    return response.text


def shown(client, how, item):
    """The chooser's HTML for `item`'s place: its agency's index browsed, or a search."""
    if how == "browse":
        return browse(client, item.get_parent())
    return search(client, "Nháp" if not item.live else "Tin đã đăng")


EXPECTED = {
    # role kind: (own draft, other agency's draft, other agency's live item)
    "staff": {"own_draft": True, "other_draft": False, "other_live": True},
    "all": {"own_draft": True, "other_draft": True, "other_live": True},
}


@pytest.mark.parametrize("how", ["browse", "search"])
@pytest.mark.parametrize("which", ["own_draft", "other_draft", "other_live"])
@pytest.mark.parametrize("role", AGENCY_STAFF + SEES_ALL)
def test_who_sees_which_page_in_the_chooser(client, request, items, role, how, which):
    client.force_login(request.getfixturevalue(role))
    item = items[which]

    html = shown(client, how, item)

    expected = EXPECTED["staff" if role in AGENCY_STAFF else "all"][which]
    assert (item.title in html) is expected
    assert (f'data-id="{item.pk}"' in html or f"/{item.pk}/" in html) is expected


@pytest.mark.parametrize("role", AGENCY_STAFF)
def test_another_agencys_draft_cannot_be_browsed_into(client, request, items, role):
    client.force_login(request.getfixturevalue(role))
    hidden = items["other_draft"]

    response = client.get(reverse("wagtailadmin_choose_page_child", args=(hidden.pk,)))

    assert response.status_code == 404
    assert OTHER_DRAFT not in response.text


@pytest.mark.parametrize("role", AGENCY_STAFF)
def test_another_agencys_draft_is_not_reported_as_chosen(client, request, items, role):
    client.force_login(request.getfixturevalue(role))
    ids = [items["other_draft"].pk, items["other_live"].pk, items["own_draft"].pk]

    response = client.get(reverse("wagtailadmin_choose_page_chosen_multiple"), {"id": ids})

    chosen = {page["id"] for page in response.json()["result"]}
    assert chosen == {items["other_live"].pk, items["own_draft"].pk}
    assert OTHER_DRAFT not in response.text


def test_the_office_browses_into_any_draft(client, office_user, items):
    client.force_login(office_user)

    html = browse(client, items["other_draft"])

    assert OTHER_DRAFT in html


def test_agency_staff_still_see_the_draft_state_of_their_own_items(client, editor_a, items):
    client.force_login(editor_a)

    html = browse(client, items["own_draft"].get_parent())

    assert OWN_DRAFT in html and "bản nháp" in html.lower()


@pytest.mark.parametrize("role", AGENCY_STAFF)
def test_the_explorers_api_does_not_show_another_agencys_draft_either(client, request, items, role):
    client.force_login(request.getfixturevalue(role))

    detail = client.get(reverse("wagtailadmin_api:pages:detail", args=(items["other_draft"].pk,)))
    listing = client.get(reverse("wagtailadmin_api:pages:listing"), {"search": "Nháp"})

    assert detail.status_code == 404
    assert OTHER_DRAFT not in detail.text and OTHER_DRAFT not in listing.text
