"""Counts on the public pages read with the thousands separator (“10.110”), page numbers in
links stay plain."""

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("value", "shown"), [(7, "7"), (10110, "10.110"), (1234567, "1.234.567")])
def test_a_count_is_grouped_as_vietnamese_writes_it(value, shown):
    template = Template("{% load cchc_numbers %}{{ value|grouped }}")
    assert template.render(Context({"value": value})) == shown


def test_the_listing_heading_and_pagination_group_their_figures(rf):
    from django.template.loader import render_to_string

    items = Paginator(range(10110), 10).page(2)
    request = rf.get("/tin-bai/?page=2")
    html = render_to_string("cchc/includes/pagination.html", {"items": items, "request": request})
    assert "Trang 2/1.011" in html
    assert "page=3" in html  # the link's number stays plain
