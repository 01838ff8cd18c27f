"""The report costs the same number of queries for 3 agencies as for 20."""

from itertools import count

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AgencyFactory
from tests.workflows.builders import draft_item, start_review

from .helpers import MY_AGENCY, REPORT, agency_names

pytestmark = pytest.mark.django_db

serial = count()


def contribute(agency, editor, office_user):
    """An item in review and a published item, this month (the report's default period)."""
    number = next(serial)
    start_review(draft_item(agency, editor, title=f"Tin chờ duyệt {number}"), editor)
    published = draft_item(agency, office_user, title=f"Tin đã đăng {number}")
    published.save_revision(user=office_user).publish(user=office_user)


def query_count(client, url, params):
    client.get(url, params)  # warm the per-process caches (content types, sites)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries), response


def counts(client):
    return {
        (name, export): query_count(client, reverse(name), {"export": export} if export else {})[0]
        for name in (REPORT, "participation_report_results")
        for export in ("", "csv", "xlsx")
    }


def test_query_count_does_not_grow_with_agencies(client, agencies, office_user, make_user):
    for agency in (agencies.justice, agencies.ward, agencies.silent):
        contribute(agency, make_user(f"ed_{agency.code}", agency.editors_group), office_user)
    client.force_login(office_user)
    with_three = counts(client)
    assert len(agency_names(query_count(client, reverse(REPORT), {})[1])) == 3

    for number in range(17):
        agency = AgencyFactory(name=f"UBND xã Thử nghiệm {number:02d}", code=f"xa{number:02d}")
        contribute(agency, make_user(f"ed_xa{number:02d}", agency.editors_group), office_user)
    with_twenty = counts(client)
    assert len(agency_names(query_count(client, reverse(REPORT), {})[1])) == 20
    assert with_twenty == with_three


def test_own_view_query_count_does_not_grow_with_items(client, agencies, editor_a, office_user):
    contribute(agencies.justice, editor_a, office_user)
    client.force_login(editor_a)
    before = query_count(client, reverse(MY_AGENCY), {})[0]
    for _ in range(5):
        contribute(agencies.justice, editor_a, office_user)
    assert query_count(client, reverse(MY_AGENCY), {})[0] == before
