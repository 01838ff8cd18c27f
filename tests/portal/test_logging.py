"""One line per event, plain or JSON (LOG_FORMAT), with the request, user and task ids."""

import io
import json
import logging
from pathlib import Path

import pytest
from celery import shared_task
from django.utils.module_loading import import_string

from portal.celery_logging import carry_request_id
from portal.log_context import TASK_HEADER, ContextFilter, bind_request, unbind_request
from portal.logging_config import logging_config
from portal.request_id import request_id_from
from tests.factories import UserFactory
from tests.portal.processes import run_python

ROOT = Path(__file__).resolve().parents[2]
logger = logging.getLogger("tests.portal.test_logging")


def formatter(fmt):
    spec = dict(logging_config("INFO", fmt)["formatters"][fmt])
    if "()" in spec:
        return import_string(spec.pop("()"))(**spec)
    return logging.Formatter(spec["format"])


@pytest.fixture
def captured():
    """The root logger's lines as the console handler writes them; `captured(fmt)` starts."""
    handlers = []

    def start(fmt="json"):
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        handler.addFilter(ContextFilter())
        handler.setFormatter(formatter(fmt))
        logging.getLogger().addHandler(handler)
        handlers.append(handler)
        return lambda: stream.getvalue().splitlines()

    yield start
    for handler in handlers:
        logging.getLogger().removeHandler(handler)


def records(lines, message):
    return [json.loads(line) for line in lines() if json.loads(line)["message"] == message]


@shared_task(name="tests.portal.log_ids")
def log_ids():
    logger.info("inside the task")


# ---- the request id -------------------------------------------------------------------


@pytest.mark.parametrize("value", ["abc-123", "a.b_c", "F" * 64, "0af7651916cd43dd8448eb2"])
def test_a_sane_incoming_request_id_is_kept(value):
    assert request_id_from(value) == value


@pytest.mark.parametrize(
    "value",
    [None, "", "a b", "x" * 65, "id\r\nSet-Cookie: a=b", '"}{"level": "ERROR', "<script>", "mã-số"],
)
def test_anything_else_gets_a_new_id(value):
    new = request_id_from(value)
    assert new != value and len(new) == 32 and int(new, 16) >= 0


@pytest.mark.urls("tests.portal.logging_urls")
def test_the_response_says_the_request_id(client, db):
    assert client.get("/log/", headers={"X-Request-ID": "from-proxy.1"})["X-Request-ID"] == (
        "from-proxy.1"
    )
    replaced = client.get("/log/", headers={"X-Request-ID": "bad id"})["X-Request-ID"]
    assert replaced != "bad id" and len(replaced) == 32
    assert client.get("/log/")["X-Request-ID"] != client.get("/log/")["X-Request-ID"]


# ---- JSON lines with the ids -----------------------------------------------------------


@pytest.mark.urls("tests.portal.logging_urls")
def test_a_json_line_carries_the_request_id_and_the_user_id(client, db, captured):
    lines = captured("json")
    user = UserFactory()
    client.force_login(user)

    response = client.get("/log/?user=1", headers={"X-Request-ID": "req-1"})

    [line] = records(lines, "một dòng nhật ký")
    assert line["request_id"] == "req-1" and line["user_id"] == user.pk
    assert line["level"] == "INFO" and line["logger"] == "tests.portal.logging_urls"
    assert line["task_id"] is None and "time" in line
    assert response.json() == {"queries": 0}


@pytest.mark.urls("tests.portal.logging_urls")
def test_a_user_nobody_loaded_is_not_loaded_by_a_log_call(client, db, captured):
    lines = captured("json")
    client.force_login(UserFactory())

    response = client.get("/log/")  # the view never looks at request.user

    [line] = records(lines, "một dòng nhật ký")
    assert line["user_id"] is None and len(line["request_id"]) == 32
    assert response.json() == {"queries": 0}


@pytest.mark.urls("tests.portal.logging_urls")
def test_anonymous_visitors_have_no_user_id(client, db, captured):
    lines = captured("json")
    client.get("/log/?user=1")
    [line] = records(lines, "một dòng nhật ký")
    assert line["user_id"] is None


def test_a_traceback_stays_inside_its_one_json_line(captured):
    lines = captured("json")
    try:
        raise ValueError("bad\nvalue")
    except ValueError:
        logger.exception("it failed")

    [text] = lines()
    line = json.loads(text)
    assert line["message"] == "it failed"
    assert line["exc_info"].startswith("Traceback (most recent call last):")
    assert "ValueError: bad\nvalue" in line["exc_info"]


def test_plain_lines_name_what_applies(captured):
    lines = captured("plain")
    logger.warning("outside everything")

    class Request:
        request_id = "req-2"

    token = bind_request(Request())
    try:
        logger.warning("inside a request")
    finally:
        unbind_request(token)

    first, second = lines()
    assert first.endswith(" WARNING tests.portal.test_logging: outside everything")
    assert second.endswith(" WARNING tests.portal.test_logging [request=req-2]: inside a request")


# ---- task ids --------------------------------------------------------------------------


def test_a_task_line_carries_the_task_id(captured, settings):
    lines = captured("json")
    result = log_ids.apply(headers={TASK_HEADER: "req-3"})
    [line] = records(lines, "inside the task")
    assert line["task_id"] == result.id and line["request_id"] == "req-3"


def test_a_task_enqueued_in_a_request_runs_with_its_id(captured):
    """Eager (the embedded set-up): the task runs inside the request."""
    lines = captured("json")

    class Request:
        request_id = "req-4"

    token = bind_request(Request())
    try:
        result = log_ids.delay()
    finally:
        unbind_request(token)
    [line] = records(lines, "inside the task")
    assert line["task_id"] == result.id and line["request_id"] == "req-4"


def test_a_published_task_carries_the_request_id_in_its_headers():
    class Request:
        request_id = "req-5"

    headers = {}
    carry_request_id(headers=headers)  # outside a request: nothing to carry
    assert headers == {}
    token = bind_request(Request())
    try:
        carry_request_id(headers=headers)
    finally:
        unbind_request(token)
    assert headers == {TASK_HEADER: "req-5"}


# ---- LOG_FORMAT in a real process ------------------------------------------------------

LOG_A_LINE = "import logging; logging.getLogger('probe').warning('hello %s', 'world')"


def run_django(script, **env):
    """`script` in a new process after django.setup() (which applies LOGGING)."""
    return run_python(f"import django; django.setup(); {script}", **env)


def test_without_log_format_the_lines_are_plain():
    result = run_django(LOG_A_LINE)
    [line] = [line for line in result.stderr.splitlines() if "probe" in line]
    assert line.endswith(" WARNING probe: hello world")


def test_log_format_json_makes_every_line_json():
    result = run_django(LOG_A_LINE, LOG_FORMAT="json")
    [line] = [json.loads(line) for line in result.stderr.splitlines() if "probe" in line]
    assert line["message"] == "hello world" and line["level"] == "WARNING"


def test_an_unknown_log_format_is_refused():
    result = run_django(LOG_A_LINE, LOG_FORMAT="xml")
    assert result.returncode != 0
    assert "ImproperlyConfigured: LOG_FORMAT must be one of plain, json" in result.stderr


def test_with_debug_on_a_django_line_is_written_once_in_the_chosen_format():
    """Django's own console handler (DEBUG only) would print its lines a second time."""
    script = "import logging; logging.getLogger('django.request').warning('only once')"
    result = run_django(script, DJANGO_DEBUG="1", LOG_FORMAT="json")
    [line] = [line for line in result.stderr.splitlines() if "only once" in line]
    assert json.loads(line)["logger"] == "django.request"


def test_a_page_from_the_cache_gets_its_own_request_id(client, section):
    first = client.get("/", headers={"X-Request-ID": "first"})
    second = client.get("/", headers={"X-Request-ID": "second"})
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert (first["X-Request-ID"], second["X-Request-ID"]) == ("first", "second")
