from django.urls import reverse


def assert_denied(response):
    """Wagtail answers a denied admin action with 403/404 or a redirect to the dashboard."""
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home"), response["Location"]
    else:
        assert response.status_code in (403, 404), response.status_code


def at_once(function, count=2, timeout=120):
    """Run `function()` in `count` threads released together, each with its own database
    connection (a real race on PostgreSQL's row locks); returns (results, errors)."""
    import threading

    from django.db import connections

    start, results, errors = threading.Barrier(count), [], []

    def run():
        try:
            start.wait()
            results.append(function())
        except Exception as error:  # reported to the test, not swallowed
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results, errors
