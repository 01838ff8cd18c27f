"""Every admin action is all or nothing: a write to the admin runs in one transaction.

Wagtail's page editor publishes in steps that share no transaction: the page is saved live,
then the `page_published` receivers run (a bulletin's membership index, the completion of
its correction and its delivery in the outbox, a withdrawal notice removed). One that fails
half way — the database refusing an item in two bulletins after the form was validated, a
lost connection — would leave the page live and the rest undone. Django's ATOMIC_REQUESTS
would close that too, but it wraps every request, and on SQLite (BEGIN IMMEDIATE) every page
view would then take the write lock: only the admin's writes need it.

A response of 500 or more rolls the action back. A refusal (4xx) keeps what the view chose
to write, such as a record of a failed login.
"""

from django.db import transaction
from django.urls import reverse

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class AtomicAdminWritesMiddleware:
    """Place it last in MIDDLEWARE, so that its transaction holds the view and nothing else."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._admin_prefix = None

    def admin_prefix(self):
        if self._admin_prefix is None:
            self._admin_prefix = reverse("wagtailadmin_home")
        return self._admin_prefix

    def __call__(self, request):
        if request.method in SAFE_METHODS or not request.path.startswith(self.admin_prefix()):
            return self.get_response(request)
        with transaction.atomic():
            # Django has already turned an exception of the view into a 500 response here.
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)
        return response
