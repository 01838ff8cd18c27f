"""The web bench's pure parts (bench/web): wrk's report parsed, ratios to the anchors taken
within a round, goals judged, the results rendered. Nothing is started here."""

import pytest

from bench.web import __main__ as cli
from bench.web.harness import project_environment
from bench.web.load import parse_wrk, to_ms, wrk_command
from bench.web.report import (
    BULLETIN_RATIO,
    COLUMNS,
    HELLO,
    REDIS_HELLO,
    REDIS_RATIO,
    SIZED_HELLO,
    SIZED_RATIO,
    WAGTAIL,
    Goal,
    Measurement,
    Target,
    cells,
    inprocess_rows,
    markdown,
    ratios_in_round,
    summarise,
    text_table,
)
from bench.web.targets import CACHED_PAGES, SEARCH_RANKED, targets

WRK_OUTPUT = """\
Running 8s test @ http://127.0.0.1:40123/cai-cach-hanh-chinh/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    15.31ms   10.02ms 198.40ms   90.12%
    Req/Sec   264.64     40.10   340.00     71.25%
  Latency Distribution
     50%   13.20ms
     75%   17.01ms
     90%   22.50ms
     99%    1.02s
  4235 requests in 8.01s, 98.12MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:    528.71
Transfer/sec:     12.25MB
"""


def test_wrk_report_gives_rate_percentiles_in_ms_and_errors():
    result = parse_wrk(WRK_OUTPUT)
    assert result.requests == 4235
    assert result.requests_per_second == 528.71
    assert result.p50_ms == 13.2
    assert result.p99_ms == 1020.0
    assert result.errors == 7


def test_a_clean_wrk_report_has_no_errors():
    clean = "\n".join(
        line for line in WRK_OUTPUT.splitlines() if "errors" not in line and "Non-2xx" not in line
    )
    assert parse_wrk(clean).errors == 0


@pytest.mark.parametrize(
    ("text", "ms"), [("850.00us", 0.85), ("3.5ms", 3.5), ("1.02s", 1020.0), ("2.00m", 120000.0)]
)
def test_wrk_durations_in_ms(text, ms):
    assert to_ms(text) == pytest.approx(ms)


def test_a_report_without_latency_distribution_is_refused():
    without = WRK_OUTPUT.split("  Latency Distribution")[0] + "Requests/sec: 1.0\n 1 requests in "
    with pytest.raises(ValueError):
        parse_wrk(without)
    with pytest.raises(ValueError):
        parse_wrk("unable to connect to 127.0.0.1:1 Connection refused")


def test_wrk_runs_as_issue_17_says():
    assert wrk_command("http://x/", 8) == [
        *("wrk", "-t2", "-c8", "-d8s", "--timeout=30s", "--latency", "http://x/")
    ]


PAGE = Target("item, cached", "cached", "/i/", HELLO, Goal("≥", 0.7))
TARGETS = [Target(HELLO, "hello", "/"), Target(WAGTAIL, "wagtail", "/"), PAGE]


def measured(target, round_number, rate, cpu=1.0):
    return Measurement(target, round_number, rate, rate / 100, rate / 10, cpu)


def test_ratios_are_taken_within_each_round_and_their_median_is_judged():
    measurements = [
        measured(HELLO, 1, 1000), measured(PAGE.name, 1, 800),  # 0.8
        measured(HELLO, 2, 2000), measured(PAGE.name, 2, 1000),  # 0.5
        measured(HELLO, 3, 1000), measured(PAGE.name, 3, 750),  # 0.75
    ]  # fmt: skip
    assert ratios_in_round(TARGETS, measurements, 2) == {PAGE.name: 0.5}
    rows = {row["target"]: row for row in summarise(TARGETS, measurements)}
    page = rows[PAGE.name]
    assert page["ratio"] == 0.75  # not 800/1000 from the medians of the rates
    assert page["req/s"] == 800
    assert page["passed"] is True
    assert rows[HELLO]["passed"] is None and rows[HELLO]["anchor"] == "(anchor)"
    assert WAGTAIL not in rows  # not measured: no row


def test_a_ratio_under_its_goal_fails():
    measurements = [measured(HELLO, 1, 1000), measured(PAGE.name, 1, 600)]
    [_, page] = summarise(TARGETS, measurements)
    assert page["ratio"] == 0.6
    assert page["passed"] is False
    assert cells(page)[-1] == "FAIL"


def test_the_bulletin_of_100_is_judged_by_its_time_against_the_bulletin_of_10():
    hundred = Target("bulletin 100, uncached", "uncached", "/b100/", WAGTAIL, Goal("≥", 0.5))
    ten = Target("bulletin 10, uncached", "uncached", "/b10/", WAGTAIL, Goal("≥", 0.5))
    measurements = [
        measured(WAGTAIL, 1, 100), measured(hundred.name, 1, 20), measured(ten.name, 1, 50),
    ]  # fmt: skip
    rows = {row["target"]: row for row in summarise([*TARGETS, hundred, ten], measurements)}
    assert rows[BULLETIN_RATIO]["ratio"] == 2.5  # 1/20 s against 1/50 s per request
    assert rows[BULLETIN_RATIO]["passed"] is False
    assert rows[hundred.name]["ratio"] == 0.2


@pytest.mark.parametrize(
    ("page", "anchor", "ratio_row"),
    [
        ("bulletin 100", Target(SIZED_HELLO, "hello", "/bytes/78000/"), SIZED_RATIO),
        ("section home", Target(REDIS_HELLO, "hello", "/redis-get/"), REDIS_RATIO),
    ],
)
def test_a_cached_page_is_also_judged_against_a_trivial_view_of_its_cost(page, anchor, ratio_row):
    """The bulletin of 100 against hello of its size; the section home against hello + one
    Redis GET."""
    hit = Target(f"{page}, cached", "cached", "/page/", HELLO, Goal("≥", 0.7))
    measurements = [
        measured(HELLO, 1, 1000), measured(anchor.name, 1, 800), measured(hit.name, 1, 600),
    ]  # fmt: skip
    rows = {row["target"]: row for row in summarise([*TARGETS, anchor, hit], measurements)}
    assert rows[hit.name]["ratio"] == 0.6 and rows[hit.name]["passed"] is False
    assert rows[ratio_row]["ratio"] == 0.75 and rows[ratio_row]["passed"] is True
    assert rows[ratio_row]["anchor"] == anchor.name


def test_the_trivial_view_of_the_bulletins_size_is_measured_when_the_size_is_known():
    urls = {page: f"/{page}/" for page in CACHED_PAGES} | {"search": "/tim-kiem/?q=cai+cach"}
    assert SIZED_HELLO not in [target.name for target in targets(urls)]
    sized = {target.name: target for target in targets(urls, 78062)}[SIZED_HELLO]
    assert (sized.server, sized.path, sized.anchor) == ("hello", "/bytes/78062/", None)


def test_the_trivial_view_with_one_redis_get_is_measured_when_the_cache_is_redis():
    urls = {page: f"/{page}/" for page in CACHED_PAGES} | {"search": "/tim-kiem/?q=cai+cach"}
    assert REDIS_HELLO not in [target.name for target in targets(urls)]
    found = {target.name: target for target in targets(urls, redis_anchor=True)}[REDIS_HELLO]
    assert (found.server, found.path, found.anchor) == ("hello", "/redis-get/", None)


def test_the_trivial_project_reads_one_key_from_the_redis_it_is_given(tmp_path):
    from bench.web.anchors import build_hello
    from bench.web.harness import redis_cache

    assert redis_cache("") == "" and redis_cache("redis://127.0.0.1:6379/10")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert "HELLO_REDIS_URL" not in build_hello(tmp_path / "a")["env"]
    hello = build_hello(tmp_path / "b", redis_url="redis://127.0.0.1:6379/10")
    assert hello["env"]["HELLO_REDIS_URL"] == "redis://127.0.0.1:6379/10"
    urls = (hello["cwd"] / "hello_urls.py").read_text()
    compile(urls, "hello_urls.py", "exec")
    assert 'path("redis-get/", one_get)' in urls and "client.get(" in urls


@pytest.mark.parametrize(
    ("goal", "value", "met"),
    [(Goal("≥", 0.5), 0.5, True), (Goal("≥", 0.5), 0.49, False), (Goal("≤", 2), 2, True),
     (Goal("<", 500), 500, False), (Goal("<", 500), 499.9, True)],
)  # fmt: skip
def test_goals(goal, value, met):
    assert goal.met(value) is met


def test_inprocess_rows_judge_only_timings_with_a_goal():
    rows = inprocess_rows(
        [("assembly of 1,000 items", 612.0), ("PDF of 100 entries", 900.0)],
        {"assembly of 1,000 items": Goal("<", 500)},
    )
    assert rows == [
        ["assembly of 1,000 items", "612.0", "< 500 ms", "FAIL"],
        ["PDF of 100 entries", "900.0", "", ""],
    ]


def test_every_project_page_is_measured_cached_and_uncached_and_search_once():
    urls = {page: f"/{page}/" for page in CACHED_PAGES} | {"search": "/tim-kiem/?q=cai+cach"}
    names = [target.name for target in targets(urls)]
    assert names[:2] == [HELLO, WAGTAIL]
    for page in CACHED_PAGES:
        assert f"{page}, cached" in names and f"{page}, uncached" in names
    assert "search 'cai cach'" in names
    assert len(names) == len(set(names)) == 2 + 2 * len(CACHED_PAGES) + 2
    by_name = {target.name: target for target in targets(urls)}
    assert by_name["listing, cached"].anchor == HELLO
    assert by_name["listing, uncached"].anchor == WAGTAIL
    assert by_name["search 'cai cach'"].anchor == WAGTAIL


def test_search_is_measured_kept_and_ranked_on_each_request():
    """Each process keeps a query's ranking per generation: the production-like server's
    row repeats a kept query; the uncached server keeps none, so each request ranks."""
    urls = {page: f"/{page}/" for page in CACHED_PAGES} | {"search": "/tim-kiem/?q=cai+cach"}
    by_name = {target.name: target for target in targets(urls)}
    kept, ranked = by_name["search 'cai cach'"], by_name[SEARCH_RANKED]
    assert (kept.server, ranked.server) == ("cached", "uncached")
    assert ranked.path == kept.path and ranked.goal == kept.goal
    uncached = project_environment("postgres://x/y", "redis://z/0", 0)
    cached = project_environment("postgres://x/y", "redis://z/0", 300)
    assert uncached["CCHC_SEARCH_KEPT_QUERIES"] == "0" != cached["CCHC_SEARCH_KEPT_QUERIES"]


def test_markdown_holds_both_tables_and_the_context():
    measurements = [measured(HELLO, 1, 1000), measured(PAGE.name, 1, 800)]
    rows = summarise(TARGETS, measurements)
    text = markdown(
        rows, [["workflow approve", "40.0", "< 100 ms", "pass"]], {"machine": "2 cores"}
    )
    assert "| " + " | ".join(COLUMNS) + " |" in text
    assert f"| {PAGE.name} | 800.0 | 8.00 | 80.00 | 1.00 | 0.80 | {HELLO} | ≥ 0.7 | pass |" in text
    assert "| workflow approve | 40.0 | < 100 ms | pass |" in text
    assert "- machine: 2 cores" in text


def test_text_table_aligns_columns():
    lines = text_table(("a", "bb"), [["xxx", "1"]]).splitlines()
    assert lines == ["a    bb", "xxx  1"]


def test_quick_lowers_only_what_was_not_given():
    options = cli.parse(["--quick", "--rounds", "2"])
    assert (options.items, options.rounds, options.duration) == (20, 2, 1)
    full = cli.parse([])
    assert (full.items, full.rounds, full.duration, full.sqlite) == (10_000, 3, 8, False)
