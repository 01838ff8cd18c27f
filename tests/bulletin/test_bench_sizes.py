"""The bench's "assembly of N items" and "PDF of N entries" assemble a bulletin of N entries."""

import pytest

from bench.web.project import assembly_and_pdf
from bulletin.models import BulletinPage
from bulletin.weeks import Week

from .conftest import local

pytestmark = pytest.mark.django_db

W48 = Week(2026, 48)  # Monday 23/11/2026 to its cut-off, Friday 27/11/2026 16:00


def test_the_bench_bulletin_of_n_holds_n_entries_with_items_from_before_the_week(
    archive, publish_item
):
    # Assembly takes every live item not in a bulletin before the cut-off, the week's and
    # older ones (the bench's 10,000 items at one-minute spacing reach back before Monday).
    for day in (20, 21):
        publish_item(local(2026, 11, day, 9, 0), f"Tuần trước {day}")
    for day in (23, 24, 25):
        publish_item(local(2026, 11, day, 9, 0), f"Trong tuần {day}")

    assembly_and_pdf(W48, 2, False)

    assert len(BulletinPage.objects.get().item_ids()) == 2
