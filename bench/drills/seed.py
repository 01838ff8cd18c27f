"""The drills' data, written once into the template database (run in a Django process).

    python -m bench.drills.seed MANIFEST --items N --reviews M

Two agencies with an editor and a head each, two CCHC office reviewers and a leadership user;
N live items first published now (in the current week, so that no assembly takes them until a
drill moves them before a past cut-off); M drafts submitted to the review workflow and waiting
for their agency head. MANIFEST (JSON) names them for the drills.
"""

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]

PASSWORD = "drill-password-not-secret"  # noqa: S105 (a throw-away database)
AGENCIES = (("sdt", "Sở Diễn tập"), ("sth", "Sở Thực hành"))


def make_user(username, groups, email=True):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        username, f"{username}@drills.example.gov.vn" if email else "", PASSWORD
    )
    user.groups.add(*groups)
    return user


def people():
    """Agencies, their editors and heads, and the department's reviewers."""
    from django.contrib.auth.models import Group

    from cchc_news.models import Agency, AgencyKind
    from workflows.roles import leadership_group_name, office_group_name

    kind, _ = AgencyKind.objects.get_or_create(name="Sở, ban, ngành")
    cast = {"agencies": [], "editors": [], "heads": []}
    for code, name in AGENCIES:
        agency = Agency.objects.create(
            name=name, short_name=name, code=code, kind=kind, email=f"{code}@drills.example"
        )
        agency.refresh_from_db()  # provisioning filled in its groups and index page
        cast["agencies"].append(agency)
        cast["editors"].append(make_user(f"{code}.bientap", [agency.editors_group]))
        cast["heads"].append(make_user(f"{code}.lanhdao", [agency.heads_group]))
    office = Group.objects.get(name=office_group_name())
    cast["office"] = [make_user(f"vanphong{n}", [office]) for n in (1, 2)]
    make_user("lanhdao.so", [Group.objects.get(name=leadership_group_name())])
    return cast


def live_items(cast, count, topic):
    from cchc_news.models import NewsItemPage

    ids = []
    for number in range(count):
        agency = cast["agencies"][number % len(cast["agencies"])]
        item = NewsItemPage(
            title=f"Tin diễn tập số {number + 1}",
            summary="Đơn vị rút ngắn thời gian giải quyết thủ tục hành chính.",
            body="<p>" + "Nội dung về cải cách hành chính. " * 20 + "</p>",
            topic=topic,
            owner=cast["editors"][number % len(cast["editors"])],
            live=True,
        )
        agency.index_page.add_child(instance=item)
        ids.append(item.pk)
    return ids


def items_in_review(cast, count, topic):
    """Drafts submitted by their editor, waiting at the agency head's step."""
    from cchc_news.models import NewsItemPage
    from cchc_news.signals import notifications_muted

    reviews = []
    for number in range(count):
        slot = number % len(cast["agencies"])
        editor = cast["editors"][slot]
        item = NewsItemPage(
            title=f"Tin chờ duyệt số {number + 1}",
            summary="Tin gửi lãnh đạo đơn vị duyệt.",
            body="<p>Nội dung tin chờ duyệt.</p>",
            topic=topic,
            owner=editor,
            live=False,
        )
        cast["agencies"][slot].index_page.add_child(instance=item)
        item.save_revision(user=editor)
        with notifications_muted():
            state = item.get_workflow().start(item, editor)
        reviews.append(
            {
                "page": item.pk,
                "title": item.title,
                "task_state": state.current_task_state.pk,
                "head": cast["heads"][slot].username,
            }
        )
    return reviews


def seed(items, reviews):
    from django.conf import settings
    from django.core.management import call_command
    from django.utils import translation

    from cchc_news.models import NewsIndexPage, Topic
    from cchc_news.setup import setup_cchc

    call_command("migrate", verbosity=0, interactive=False)
    with translation.override(settings.LANGUAGE_CODE):
        setup_cchc()
        cast = people()
    topic = Topic.objects.create(name="Kết quả cải cách")
    return {
        "password": PASSWORD,
        "items": live_items(cast, items, topic),
        "reviews": items_in_review(cast, reviews, topic),
        "office_emails": [user.email for user in cast["office"]],
        "editor": cast["editors"][0].username,
        "import_index": NewsIndexPage.objects.get(agency=cast["agencies"][0]).pk,
        "index_urls": [agency.index_page.url for agency in cast["agencies"]],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("manifest")
    parser.add_argument("--items", type=int, required=True)
    parser.add_argument("--reviews", type=int, required=True)
    args = parser.parse_args()
    import django

    django.setup()
    started = time.monotonic()
    manifest = seed(args.items, args.reviews)
    manifest["seconds"] = round(time.monotonic() - started, 1)
    Path(args.manifest).write_text(json.dumps(manifest))


if __name__ == "__main__":
    main()
