"""The accessibility check itself: it must see violations, or its passes mean nothing."""

import pytest

from .artifacts import assert_accessible, axe_violations

pytestmark = pytest.mark.e2e

BROKEN = """<!DOCTYPE html><html lang="vi"><head><title>Hỏng</title></head><body><main>
<h1>Trang hỏng</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p style="color:#bbb;background:#fff">Chữ quá nhạt</p>
<form role="search" aria-label="Tìm kiếm"><input type="search"></form>
<form role="search" aria-label="Tìm kiếm"><input type="search" aria-label="Tìm"></form>
</main></body></html>"""


@pytest.fixture
def blank_page(browser):
    context = browser.new_context(locale="vi-VN")
    yield context.new_page()
    context.close()


def test_axe_reports_serious_violations_with_their_targets(blank_page):
    blank_page.set_content(BROKEN)

    violations = {v["id"]: v for v in axe_violations(blank_page, "harness-self-check")}

    assert {"image-alt", "color-contrast", "label"} <= set(violations)
    assert violations["image-alt"]["nodes"][0]["target"] == ["img"]
    with pytest.raises(AssertionError, match=r"image-alt \(critical\)") as failure:
        assert_accessible(blank_page, "harness-self-check")
    assert "color-contrast (serious)" in str(failure.value)


def test_an_exclusion_drops_only_its_rule_on_its_elements(blank_page):
    blank_page.set_content(BROKEN)

    with pytest.raises(AssertionError) as failure:
        assert_accessible(
            blank_page,
            "harness-exclusion",
            exclusions=[("image-alt", "img"), ("color-contrast", "img")],
        )

    assert "image-alt" not in str(failure.value)
    assert "color-contrast (serious)" in str(failure.value)
