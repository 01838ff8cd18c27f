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


def content_committed(using="default"):
    """In a test that runs inside one transaction (never committed): let its content changes
    count as committed, as they would be when the page is next viewed in production. Values
    derived from content are not kept by a transaction that changed it (ContentChange.
    uncommitted); tests of what a later request reuses call this after making their content."""
    from django.db import connections

    from cchc_news.models import content_generation

    connection = connections[using]
    connection.run_on_commit = [
        entry
        for entry in connection.run_on_commit
        if entry[1] is not content_generation._change_committed
    ]
