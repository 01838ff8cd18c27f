"""Benchmarks of the public section and the bulletin (`make bench`).

Builds a scratch database (SQLite in the temp directory, or the PostgreSQL database named by
BENCH_DATABASE_URL, which is dropped and created again), fills it with agencies and
--items published news items, then times what visitors and the weekly task do, through
Django's test client (views, templates and queries; no network, page cache bypassed
except where named):

    name                      median ms   p95 ms   queries

Results are also written to test-artifacts/bench.json so that runs can be compared.
Usage: .venv/bin/python bench/run.py [--items 200] [--repeat 20]
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]


def configure(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret")
    # The test settings: production ones without the hashed static manifest (no collectstatic).
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings_test"
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    for name in ("CELERY_BROKER_URL", "DJANGO_DEBUG"):
        os.environ.pop(name, None)  # tasks in-process, DEBUG off as in production
    import django

    django.setup()
    import logging

    logging.disable(logging.INFO)  # page creation and assembly log every step


def recreate_postgres_database(database_url, create=True):
    """Drops the database of `database_url` if it exists, then creates it (unless not `create`)."""
    import dj_database_url
    import psycopg2

    config = dj_database_url.parse(database_url)
    admin = psycopg2.connect(
        dbname="postgres",
        user=config["USER"],
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        password=config["PASSWORD"] or None,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}"')
        if create:
            cursor.execute(f'CREATE DATABASE "{config["NAME"]}"')
    admin.close()


def build_taxonomy():
    """Migrates, sets the CCHC section up and returns (topics, campaign, agencies)."""
    from django.core.management import call_command

    from cchc_news.models import Agency, AgencyKind, Campaign, Topic
    from cchc_news.setup import setup_cchc

    call_command("migrate", verbosity=0, interactive=False)
    setup_cchc()
    kind, _ = AgencyKind.objects.get_or_create(name="Sở, ban, ngành")
    topics = [
        Topic.objects.get_or_create(name=name)[0] for name in ("Kết quả", "Thể chế", "Số hóa")
    ]
    campaign, _ = Campaign.objects.get_or_create(name="Năm chuyển đổi số")
    agencies = [
        Agency.objects.get_or_create(
            code=code, defaults={"name": name, "short_name": name, "kind": kind}
        )[0]
        for code, name in (("stp", "Sở Tư pháp"), ("stc", "Sở Tài chính"), ("syt", "Sở Y tế"))
    ]
    return topics, campaign, agencies


def add_items(count, latest, taxonomy, spacing_minutes=10, first_number=0):
    """`count` live news items, real Wagtail pages, published `spacing_minutes` apart before
    `latest` (one add_child per item: treebeard's paths and the search index stay right)."""
    from datetime import timedelta

    from cchc_news.models import Agency, NewsItemPage

    topics, campaign, agencies = taxonomy
    for offset in range(count):
        number = first_number + offset
        agency = Agency.objects.get(pk=agencies[number % len(agencies)].pk)
        item = NewsItemPage(
            title=f"Đẩy mạnh cải cách hành chính tại đơn vị, tin số {number}",
            summary="Đơn vị rút ngắn thời gian giải quyết thủ tục hành chính cho người dân.",
            body="<p>" + "Nội dung chi tiết về cải cách hành chính. " * 40 + "</p>",
            topic=topics[number % len(topics)],
            live=True,
        )
        item.campaigns = [campaign]  # a parental relation: saved with the page, in one save
        agency.index_page.add_child(instance=item)
        moment = latest - timedelta(minutes=spacing_minutes * (offset + 1))
        NewsItemPage.objects.filter(pk=item.pk).update(
            first_published_at=moment, last_published_at=moment
        )


def build_data(items):
    from datetime import timedelta

    from django.utils import timezone

    from bulletin.assembly import assemble
    from bulletin.weeks import Week

    taxonomy = build_taxonomy()
    # All items before last week's cut-off, so that its bulletin holds every one of them.
    week = Week.containing(timezone.now() - timedelta(days=7))
    add_items(items, week.cutoff(), taxonomy)
    assemble(week)
    return week


def measure(name, action, repeat):
    from django.db import connection

    action()  # warm-up: template loading, renditions, caches
    timings = []
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        action()
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return {
        "name": name,
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(p95, 1),
        "queries": len(queries),
    }


def scenarios(repeat, items):
    from django.core.cache import cache
    from django.db import transaction
    from django.test import Client

    from bulletin.assembly import assemble
    from bulletin.models import BulletinPage
    from bulletin.pdf import render_pdf
    from bulletin.weeks import Week
    from cchc_news.models import CCHCSectionPage, NewsItemPage

    section = CCHCSectionPage.objects.get()
    bulletin = BulletinPage.objects.live().order_by("-first_published_at").first()
    item = NewsItemPage.objects.live().order_by("-first_published_at").first()
    uncached = Client()
    uncached.cookies["sessionid"] = "bench"  # the anonymous page cache skips session holders
    cached = Client()

    def get(client, url):
        def action():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)

        return action

    def assembly():
        class Rollback(Exception):
            pass

        try:
            with transaction.atomic():
                BulletinPage.objects.all().delete()
                assemble(Week.containing(item.first_published_at))
                raise Rollback
        except Rollback:
            pass

    base = section.url
    cases = [
        ("section home", get(uncached, base)),
        ("section home, cached", get(cached, base)),
        ("news listing", get(uncached, f"{base}tin-bai/")),
        ("news listing, filtered", get(uncached, f"{base}tin-bai/?agency=stp&topic=ket-qua")),
        ("news listing, page 5", get(uncached, f"{base}tin-bai/?page=5")),
        ("search 'cai cach hanh chinh'", get(uncached, f"{base}tim-kiem/?q=cai+cach+hanh+chinh")),
        ("item page", get(uncached, item.url)),
        ("bulletin archive", get(uncached, bulletin.get_parent().url)),
        (f"bulletin page ({len(bulletin.item_ids())} items)", get(uncached, bulletin.url)),
        ("news feed (Atom)", get(uncached, "/feeds/tin-bai.atom")),
        ("sitemap.xml", get(uncached, "/sitemap.xml")),
        (f"bulletin assembly ({items} items)", assembly),
    ]
    results = [measure(name, action, repeat) for name, action in cases]

    def render_pdf_uncached():
        cache.clear()
        render_pdf(bulletin, "http://testserver/")

    count = len(bulletin.item_ids())
    pdf_repeat = max(2, repeat // 5)
    results.append(measure(f"bulletin PDF ({count} items)", render_pdf_uncached, pdf_repeat))
    results.append(measure("bulletin PDF, cached", get(uncached, f"{bulletin.url}pdf/"), repeat))
    results += editor_scenarios(item, repeat)
    return results


def editor_scenarios(item, repeat):
    """The item editor, and the checklist it re-runs as the editor types (a .docx attached)."""
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.test import Client
    from docx import Document as WordDocument
    from wagtail.documents import get_document_model
    from wagtail.test.utils.form_data import rich_text

    from cchc_news.models.news_item import BODY_FEATURES
    from tests.admin_forms import news_item_form

    word = WordDocument()
    for _ in range(60):  # about 2.5 A4 pages of text
        word.add_paragraph("Đơn vị rút ngắn thời gian giải quyết thủ tục hành chính. " * 3)
    content = BytesIO()
    word.save(content)
    document = get_document_model().objects.create(
        title="tin-bai.docx", file=ContentFile(content.getvalue(), name="tin-bai.docx")
    )
    item.original_file = document
    item.save_revision()
    admin = get_user_model().objects.create_superuser("bench", "bench@example.com", "bench")
    client = Client()
    client.force_login(admin)
    # The editor's form as the browser posts it (the test suite's helper, so both stay in step).
    form = news_item_form(
        title=item.title,
        slug=item.slug,
        summary=item.summary,
        body=rich_text(item.body, features=BODY_FEATURES),
        topic=item.topic,
        original_file=document.pk,
    )

    def check():
        response = client.post(f"/admin/cchc/checklist/{item.pk}/", form)
        assert response.status_code == 200, response.status_code

    return [
        measure("item editor (admin)", get_as(client, f"/admin/pages/{item.pk}/edit/"), repeat),
        measure("checklist re-check as one types", check, repeat),
    ]


def scratch_database_url(name):
    """BENCH_DATABASE_URL's PostgreSQL database, dropped and made again, or a new SQLite file."""
    database_url = os.environ.get("BENCH_DATABASE_URL")
    if database_url is None:
        scratch = Path(tempfile.gettempdir()) / f"{name}.sqlite3"
        scratch.unlink(missing_ok=True)
        return f"sqlite:///{scratch}"
    recreate_postgres_database(database_url)
    return database_url


def get_as(client, url):
    def action():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return action


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    database_url = scratch_database_url("cchc-bench")
    configure(database_url)
    started = time.perf_counter()
    build_data(args.items)
    print(f"Data: {args.items} items in {time.perf_counter() - started:.1f} s on {database_url}")
    results = scenarios(args.repeat, args.items)
    width = max(len(result["name"]) for result in results)
    print(f"{'scenario':<{width}}  {'median ms':>9}  {'p95 ms':>7}  {'queries':>7}")
    for result in results:
        print(
            f"{result['name']:<{width}}  {result['median_ms']:>9}  "
            f"{result['p95_ms']:>7}  {result['queries']:>7}"
        )
    output = ROOT / "test-artifacts" / "bench.json"
    output.parent.mkdir(exist_ok=True)
    output.write_text(json.dumps({"database": database_url.split(":")[0], "results": results}))
    print(f"Written to {output.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
