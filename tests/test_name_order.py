"""People are named family name first, as Vietnamese is written (wagtail_vi/names.py), when the
host turns it on (WAGTAIL_VI_NAME_ORDER = True, as the portal does)."""

import json

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from wagtail.admin.utils import get_user_display_name

from tests.factories import TopicFactory, UserFactory
from tests.workflows.builders import draft_item, start_review
from wagtail_vi.names import use_vietnamese_name_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def ha(make_user, agency_a):
    return make_user("ha", agency_a.editors_group, first_name="Thị Thu Hà", last_name="Nguyễn")


def test_full_name_puts_the_family_name_first(ha):
    assert ha.get_full_name() == "Nguyễn Thị Thu Hà"
    assert ha.get_short_name() == "Thị Thu Hà"
    assert get_user_display_name(ha) == "Nguyễn Thị Thu Hà"


def test_off_django_and_wagtail_write_names_in_their_own_order(ha):
    with override_settings(WAGTAIL_VI_NAME_ORDER=False):
        assert ha.get_full_name() == "Thị Thu Hà Nguyễn"
        assert get_user_display_name(ha) == "Thị Thu Hà Nguyễn"
    assert ha.get_full_name() == "Nguyễn Thị Thu Hà"


def test_off_unless_the_host_turns_it_on(ha):
    assert settings.WAGTAIL_VI_NAME_ORDER is True  # the portal's choice
    try:
        with override_settings():
            del settings.WAGTAIL_VI_NAME_ORDER
            use_vietnamese_name_order()  # what ready() does in a host that never set it
            assert ha.get_full_name() == "Thị Thu Hà Nguyễn"
    finally:
        use_vietnamese_name_order()
    assert ha.get_full_name() == "Nguyễn Thị Thu Hà"


def test_off_the_admin_writes_names_as_django_does(client, ha, head_a, agency_a):
    item = draft_item(agency_a, ha, topic=TopicFactory())
    start_review(item, ha)
    client.force_login(head_a)
    with override_settings(WAGTAIL_VI_NAME_ORDER=False):
        history = client.get(reverse("wagtailadmin_pages:history", args=[item.pk]))
    assert "Thị Thu Hà Nguyễn" in history.content.decode()


@pytest.mark.parametrize(
    "first, last, full",
    [("Hà", "", "Hà"), ("", "Nguyễn", "Nguyễn"), (" Thu Hà ", " Lê ", "Lê Thu Hà"), ("", "", "")],
)
def test_a_missing_part_leaves_no_stray_space(db, first, last, full):
    user = UserFactory(username="u", first_name=first, last_name=last)
    assert user.get_full_name() == full


def test_the_admin_names_people_in_vietnamese_order(client, admin_client, ha, head_a, agency_a):
    item = draft_item(agency_a, ha, topic=TopicFactory())
    start_review(item, ha)
    client.force_login(head_a)

    history = client.get(reverse("wagtailadmin_pages:history", args=[item.pk])).content.decode()
    users = admin_client.get(reverse("wagtailusers_users:index"), {"q": "Hà"}).content.decode()

    for page in (history, users):
        assert "Nguyễn Thị Thu Hà" in page
        assert "Thị Thu Hà Nguyễn" not in page


def sidebar_name(client):
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    props = BeautifulSoup(html, "html.parser").find(id="wagtail-sidebar-props").string
    return next(user["name"] for user in dicts(json.loads(props)) if "avatarUrl" in user)


def dicts(value):
    """Every dict inside the sidebar's packed (telepath) arguments."""
    if isinstance(value, dict):
        yield value
        value = list(value.values())
    if isinstance(value, list):
        for part in value:
            yield from dicts(part)


def test_the_sidebar_greets_the_user_by_the_full_name(client, ha):
    client.force_login(ha)
    assert sidebar_name(client) == "Nguyễn Thị Thu Hà"
    with override_settings(WAGTAIL_VI_NAME_ORDER=False):
        assert sidebar_name(client) == "Thị Thu Hà"


def test_the_user_form_labels_the_family_name_and_the_given_names(admin_client):
    response = admin_client.get(reverse("wagtailusers_users:add"))
    soup = BeautifulSoup(response.content, "html.parser")
    label = {
        name: soup.find("label", attrs={"for": f"id_{name}"}).get_text(" ", strip=True)
        for name in ("first_name", "last_name")
    }
    assert label["last_name"].startswith("Họ")
    assert label["first_name"].startswith("Tên đệm và tên")
