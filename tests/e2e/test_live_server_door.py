"""The live server's door between two browser tests (conftest.InFlightRequests).

A request the page sent just before it closed must not run during the next test's database
set-up: on SQLite it would share that connection ("cannot start a transaction within a
transaction", seen in CI).
"""

import threading

import pytest

from .conftest import InFlightRequests

pytestmark = pytest.mark.e2e


def start_response(status, headers):
    start_response.status = status


def test_a_request_arriving_after_the_test_is_refused_without_the_application():
    called = []
    served = InFlightRequests(lambda environ, respond: called.append(1) or [b"ok"], serial=True)
    served.close_and_wait()

    body = served({}, start_response)

    assert start_response.status.startswith("503")
    assert list(body) == [b"Between two tests"]
    assert called == []
    served.open()
    assert list(served({}, start_response)) == [b"ok"]


def test_a_request_is_served_until_its_body_is_closed():
    served = InFlightRequests(lambda environ, respond: [b"body"], serial=True)
    body = served({}, start_response)
    closed = threading.Event()

    def close_then_mark():
        served.close_and_wait(timeout=5)
        closed.set()

    waiter = threading.Thread(target=close_then_mark)
    waiter.start()
    assert not closed.wait(0.2)  # the server has not written and closed the body yet
    body.close()
    waiter.join(5)
    assert closed.is_set()
