import pytest
from django.urls import reverse

from cchc_news.models import CCHCSectionPage, NewsIndexPage, NewsItemPage
from cchc_news.slugs import vietnamese_slugify
from tests.factories import NewsItemPageFactory
from tests.helpers import assert_denied

pytestmark = pytest.mark.django_db


def test_item_can_only_be_created_under_an_agency_index(section, agency_a):
    index = agency_a.index_page
    assert NewsItemPage.can_create_at(index)
    assert not NewsItemPage.can_create_at(section)
    assert not NewsItemPage.can_create_at(section.get_parent())
    assert not NewsItemPage.can_exist_under(section)


def test_index_pages_are_never_created_by_hand(section):
    assert not NewsIndexPage.can_create_at(section)
    assert NewsIndexPage.can_exist_under(section)
    assert NewsIndexPage.parent_page_types == ["cchc_news.CCHCSectionPage"]


def test_only_one_section(section):
    assert not CCHCSectionPage.can_create_at(section.get_parent())


def test_item_cannot_nest_under_another_item(agency_a):
    item = NewsItemPageFactory(parent=agency_a.index_page)
    assert not NewsItemPage.can_create_at(item)


def test_item_takes_its_agency_from_its_index(agency_a, agency_b):
    item = NewsItemPageFactory(parent=agency_a.index_page)
    assert item.agency == agency_a
    item.move(agency_b.index_page, pos="last-child")
    item.refresh_from_db()
    item.save()
    assert item.agency == agency_b


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đẩy mạnh cải cách", "day-manh-cai-cach"),
        ("Đồng Nai: một cửa liên thông", "dong-nai-mot-cua-lien-thong"),
        ("UBND đặc khu Côn Đảo", "ubnd-dac-khu-con-dao"),
    ],
)
def test_vietnamese_titles_give_readable_ascii_slugs(title, slug):
    assert vietnamese_slugify(title) == slug


def test_item_without_slug_gets_a_unique_transliterated_one(agency_a):
    first = NewsItemPageFactory(parent=agency_a.index_page, title="Đẩy mạnh cải cách", slug="")
    second = NewsItemPageFactory(parent=agency_a.index_page, title="Đẩy mạnh cải cách", slug="")
    assert first.slug == "day-manh-cai-cach"
    assert second.slug == "day-manh-cai-cach-2"


def test_admin_refuses_an_item_outside_an_agency_index(client, section, make_user):
    admin = make_user("root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    for parent in (section, section.get_parent()):
        url = reverse("wagtailadmin_pages:add", args=("cchc_news", "newsitempage", parent.pk))
        assert_denied(client.get(url))
        assert_denied(
            client.post(url, {"title": "Sai chỗ", "slug": "sai-cho", "action-publish": "1"})
        )
    assert not NewsItemPage.objects.exists()


def test_emoji_and_symbols_in_a_title_leave_no_english_words_in_the_slug():
    # anyascii spells an emoji out in English ("🎉" -> ":tada:"), which slugify keeps as a word.
    assert vietnamese_slugify("Kết quả 🎉 👨‍👩‍👧 🇻🇳 ✅ cải cách") == "ket-qua-cai-cach"
    assert vietnamese_slugify("Năm 2026: 98% hồ sơ") == "nam-2026-98-ho-so"
