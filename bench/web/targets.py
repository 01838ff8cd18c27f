"""What is measured: the anchors and the project's pages, cached and uncached (issue 17)."""

from .report import CACHED_GOAL, HELLO, REDIS_HELLO, SIZED_HELLO, WAGTAIL, Goal, Target

UNCACHED_GOAL = Goal("≥", 0.5)  # of the plain Wagtail page
SEARCH_RANKED = "search 'cai cach', ranked on each request"
# Page-cached pages; search (never cached) is measured once, on the production-like server.
CACHED_PAGES = (
    "section home",
    "listing",
    "item",
    "archive",
    "bulletin 100",
    "bulletin 10",
    "Atom feed",
)
# In-process timings' goals in ms (issue 17), by the names bench.web.project gives them.
INPROCESS_GOALS = {
    "assembly of 1,000 items": Goal("<", 500),
    "assembly of 10,000 items": Goal("<", 5000),
    "PDF of 1,000 entries": Goal("<", 2000),
    "workflow approve": Goal("<", 100),
}


def targets(urls, bulletin_bytes=None, redis_anchor=False):
    """Every target, in the order each round runs them; `urls` from bench.web.project.
    `bulletin_bytes`: the size of the bulletin of 100's page, for the trivial view of that size
    (bench.web.report's SIZED_RATIO); `redis_anchor`: the trivial view after one GET to the
    page cache's Redis (REDIS_RATIO)."""
    found = [Target(HELLO, "hello", "/")]
    if bulletin_bytes:
        found.append(Target(SIZED_HELLO, "hello", f"/bytes/{bulletin_bytes}/"))
    if redis_anchor:
        found.append(Target(REDIS_HELLO, "hello", "/redis-get/"))
    found.append(Target(WAGTAIL, "wagtail", "/"))
    for page in CACHED_PAGES:
        found.append(Target(f"{page}, uncached", "uncached", urls[page], WAGTAIL, UNCACHED_GOAL))
    for page in CACHED_PAGES:
        found.append(Target(f"{page}, cached", "cached", urls[page], HELLO, CACHED_GOAL))
    found.append(Target("search 'cai cach'", "cached", urls["search"], WAGTAIL, UNCACHED_GOAL))
    # The uncached server keeps no search's ranking: a query not seen since the last change.
    found.append(Target(SEARCH_RANKED, "uncached", urls["search"], WAGTAIL, UNCACHED_GOAL))
    return found
