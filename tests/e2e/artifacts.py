"""What the browser tests leave for people to look at: screenshots and axe-core results."""

import json
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Violations that block a visitor or make a page very hard to use: these fail a test.
BLOCKING_IMPACTS = {"serious", "critical"}
AXE_OPTIONS = {"resultTypes": ["violations"]}

_axe = Axe()


# Whether a document's images, frames (same-origin: their documents too) and fonts are loaded,
# after asking the lazy ones to load now.
LOADED = """() => {
    const loaded = (doc) => {
        if (!doc || doc.readyState !== 'complete' || doc.fonts?.status === 'loading') return false;
        const lazy = doc.querySelectorAll('img[loading=lazy], iframe[loading=lazy]');
        lazy.forEach((element) => { element.loading = 'eager'; });
        return [...doc.images].every((image) => image.complete) &&
            [...doc.querySelectorAll('iframe')].every((frame) => {
                let inner;
                try { inner = frame.contentDocument; } catch { return true; }  // cross-origin
                if (inner === null) return true;
                // A lazy frame not yet navigated holds its first, empty (and complete) document.
                const navigating = frame.src && frame.src !== 'about:blank';
                if (navigating && inner.URL === 'about:blank') return false;
                return loaded(inner);
            });
    };
    return loaded(document);
}"""


def wait_until_loaded(page):
    """Every image, frame and font of the page loaded, the lazily loaded ones below the fold
    too, so that a full-page picture shows them all.

    Not Playwright's "networkidle" load state, which waits for an idle event of each frame
    that Playwright keeps apart from the page: once, in CI, it did not come within 15 s on
    the review screen (whose preview frame loads lazily) though the page had loaded."""
    page.wait_for_function(LOADED, polling=100)


def screenshot(page, name):
    """A full-page PNG, with its images and frames loaded first (see wait_until_loaded)."""
    path = ARTIFACTS / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    wait_until_loaded(page)
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page, name):
    """Run axe-core on the page; keep the raw results; return the violations."""
    results = _axe.run(page, options=AXE_OPTIONS).response
    path = ARTIFACTS / "axe" / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    return results["violations"]


def selector(target):
    """axe's target: a CSS selector, or a list of them into frames and shadow roots."""
    return " >> ".join(selector(part) for part in target) if isinstance(target, list) else target


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" – {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"    {selector(node['target'])}")
            # The first line only says "Fix any/all of the following:".
            summary = (node.get("failureSummary") or "").splitlines()[1:]
            lines += [f"      {line.strip()}" for line in summary if line.strip()]
    return "\n".join(lines)


def matches(page, target, css):
    """Whether the element axe names by `target` (in the page itself) matches `css`."""
    if isinstance(target, list):
        if len(target) != 1:
            return False  # inside a frame or a shadow root: never excluded
        target = target[0]
    return page.evaluate(
        "([target, css]) => !!document.querySelector(target)?.matches(css)", [target, css]
    )


def without_exclusions(page, violations, exclusions):
    """The violations, less their nodes that an exclusion (rule id, CSS selector) names."""
    kept = []
    for violation in violations:
        selectors = [css for rule, css in exclusions if rule == violation["id"]]
        nodes = [
            node
            for node in violation["nodes"]
            if not any(matches(page, node["target"], css) for css in selectors)
        ]
        if nodes:
            kept.append({**violation, "nodes": nodes})
    return kept


def assert_accessible(page, name, exclusions=()):
    """No serious or critical axe-core violation on the page; the others are printed.

    `exclusions`: (axe rule id, CSS selector) pairs for markup we cannot change (Wagtail's
    own); each one drops only that rule's findings on the elements the selector matches.
    """
    violations = without_exclusions(page, axe_violations(page, name), exclusions)
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    minor = [v for v in violations if v["impact"] not in BLOCKING_IMPACTS]
    if minor:
        print(f"\naxe-core, {name}: violations below 'serious':\n{describe(minor)}")
    assert not blocking, f"axe-core, {name} ({page.url}):\n{describe(blocking)}"
