from django.urls import reverse


def assert_denied(response):
    """Wagtail answers a denied admin action with 403/404 or a redirect to the dashboard."""
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home"), response["Location"]
    else:
        assert response.status_code in (403, 404), response.status_code
