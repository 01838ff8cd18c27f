"""The content that the browser tests read: a few items of two agencies and a bulletin.

Dates are relative to today: everything is published during last week, whose bulletin is
assembled as the weekly job would have done it on Friday.
"""

from dataclasses import dataclass
from datetime import timedelta

from cchc_demo.files import cover_png
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from bulletin.assembly import assemble
from bulletin.models import BulletinIndexPage, BulletinPage
from bulletin.weeks import Week
from cchc_news.models import NewsItemPage
from tests.factories import NewsItemPageFactory, TopicFactory
from tests.files import make_pdf

RESULTS, ACTIVITIES = "Kết quả", "Hoạt động"


@dataclass
class Portal:
    section: object
    agency_a: object
    agency_b: object
    results: object  # topic
    activities: object  # topic
    featured: NewsItemPage  # has the original file (a PDF)
    others: list
    archive: BulletinIndexPage
    bulletin: BulletinPage


def publish(parent, title, topic, when, **fields):
    """A live item first published at `when`."""
    item = NewsItemPageFactory(parent=parent, title=title, topic=topic, **fields)
    NewsItemPage.objects.filter(pk=item.pk).update(first_published_at=when, last_published_at=when)
    item.refresh_from_db()
    return item


def original_pdf(agency, name):
    return get_document_model().objects.create(
        title=name,
        file=ContentFile(make_pdf(pages=2), name=f"{name}.pdf"),
        collection=agency.collection,
    )


def cover_image(agency, name):
    return get_image_model().objects.create(
        title=name,
        file=ImageFile(ContentFile(cover_png(name)), name=f"{name}.png"),
        collection=agency.collection,
    )


def last_week():
    return Week.containing(timezone.now()).previous()


def build_portal(section, agency_a, agency_b):
    week = last_week()
    monday = week.start() + timedelta(hours=9)
    results, activities = TopicFactory(name=RESULTS), TopicFactory(name=ACTIVITIES)
    featured = publish(
        agency_a.index_page,
        "Đẩy mạnh cải cách hành chính tại Sở Tư pháp",
        results,
        monday,
        summary="Sở Tư pháp rút ngắn một nửa thời gian giải quyết hồ sơ lý lịch tư pháp.",
        author_line="Nguyễn Văn A – Sở Tư pháp",
        original_file=original_pdf(agency_a, "day-manh-cai-cach-hanh-chinh"),
        cover_image=cover_image(agency_a, "bo-phan-mot-cua"),
        cover_alt="Người dân nộp hồ sơ tại bộ phận một cửa của Sở Tư pháp",
    )
    others = [
        publish(
            agency_a.index_page,
            "Một cửa liên thông hiện đại",
            activities,
            monday + timedelta(days=1),
            summary="Bộ phận một cửa tiếp nhận hồ sơ trực tuyến toàn trình.",
            body="<p>Người dân nộp hồ sơ qua Cổng dịch vụ công của tỉnh.</p>",
        ),
        publish(
            agency_b.index_page,
            "Phường Bến Thành số hóa hồ sơ hộ tịch",
            results,
            monday + timedelta(days=2),
            summary="Toàn bộ sổ hộ tịch từ năm 1975 đã được số hóa.",
            body="<p>Phường hoàn thành việc số hóa sổ hộ tịch trước thời hạn.</p>",
        ),
    ]
    bulletin = assemble(week).bulletin
    return Portal(
        section=section,
        agency_a=agency_a,
        agency_b=agency_b,
        results=results,
        activities=activities,
        featured=featured,
        others=others,
        archive=BulletinIndexPage.objects.get(),
        bulletin=bulletin,
    )
