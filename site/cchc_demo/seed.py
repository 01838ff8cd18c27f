"""Demo content for the CCHC section (`manage.py seed_demo`).

A believable Department of Home Affairs after the 2025 reform (two-level local
government: wards, communes and special zones, no districts): agency kinds, topics,
campaigns, agencies, one editor and one head per agency, the department's people and
about thirty news items, some with an original .docx file or a cover image.

Everything looks up before it creates (agencies by code, users by username, items by
slug under their agency's index), so running it again creates nothing new.
"""

import os
import random
from dataclasses import asdict, dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Page, PageLogEntry

from cchc_news.identity import ensure_identity
from cchc_news.models import (
    Agency,
    AgencyKind,
    Campaign,
    NewsIndexPage,
    NewsItemPage,
    NewsItemReference,
    Topic,
)
from cchc_news.setup import setup_cchc
from cchc_news.slugs import vietnamese_slugify
from workflows.roles import leadership_group_name, office_group_name

from .data import (
    ADMIN_USER,
    AGENCIES,
    AGENCY_KINDS,
    CAMPAIGNS,
    DEFAULT_PASSWORD,
    DEPARTMENT_IDENTITY,
    DEPARTMENT_NAME,
    EMAIL_DOMAIN,
    ITEMS,
    LEADERSHIP_USER,
    OFFICE_USER,
    PUBLISHING_WINDOW_DAYS,
    ROLE_ADMIN,
    ROLE_EDITOR,
    ROLE_HEAD,
    ROLE_LEADERSHIP,
    ROLE_OFFICE,
    THEMES,
    TOPIC_PARAGRAPHS,
    TOPICS,
)
from .files import (
    make_cover_image,
    make_original_file,
)
from .history import Dater, People, play_review, review_plan
from .mail import receive_demo_mail, register_sender

# --- Seeding --------------------------------------------------------------------------


@dataclass
class SeedContext:
    say: object  # callable(message)
    password: str
    reset_passwords: bool
    logins: list = field(default_factory=list)
    topics: dict = field(default_factory=dict)
    campaigns: dict = field(default_factory=dict)
    agencies: dict = field(default_factory=dict)
    editors: dict = field(default_factory=dict)
    heads: dict = field(default_factory=dict)
    office: object = None
    publisher: object = None

    def people(self, agency_code):
        """Who writes and who reviews the items of an agency."""
        return People(
            self.editors[agency_code], self.heads[agency_code], self.office, self.publisher
        )


def demo_password():
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD


def writer(stdout):
    def say(message):
        if stdout is not None:
            stdout.write(f"  {message}")

    return say


@translation.override(settings.LANGUAGE_CODE)
@transaction.atomic
def seed_demo(stdout=None, reset_passwords=False):
    """Create whatever demo content is missing; return the logins.

    Returns a list of (role, username, password, agency); password is None for an
    existing user whose password is no longer the demo password.
    """
    context = SeedContext(writer(stdout), demo_password(), reset_passwords)
    changes = setup_cchc()
    context.say(_("CCHC set-up: %(count)d changes.") % {"count": len(changes)})
    for change in ensure_identity(DEPARTMENT_IDENTITY):
        context.say(change)
    kinds = ensure_kinds(context)
    context.topics = ensure_topics(context)
    context.campaigns = ensure_campaigns(context)
    for spec in AGENCIES:
        seed_agency(spec, kinds[spec.kind], context)
    seed_department_users(context)
    created = sum(ensure_item(spec, context) for spec in ITEMS)
    context.say(_("%(count)d demo news items created.") % {"count": created})
    receive_demo_mail(context.agencies[AGENCIES[0].code])
    return context.logins


def ensure_kinds(context):
    kinds = {}
    for position, name in enumerate(AGENCY_KINDS):
        kinds[name], created = AgencyKind.objects.get_or_create(
            name=name, defaults={"sort_order": position}
        )
        if created:
            context.say(_("created agency kind “%(name)s”") % {"name": name})
    return kinds


def ensure_topics(context):
    topics = {}
    for position, (name, description) in enumerate(TOPICS.items()):
        topics[name], created = Topic.objects.get_or_create(
            name=name, defaults={"sort_order": position, "description": description}
        )
        if created:
            context.say(_("created topic “%(name)s”") % {"name": name})
    return topics


def ensure_campaigns(context):
    campaigns = {}
    for spec in CAMPAIGNS:
        campaigns[spec.name], created = Campaign.objects.get_or_create(
            name=spec.name,
            defaults={
                "description": spec.description,
                "start_date": spec.start_date,
                "end_date": spec.end_date,
                "active": spec.active,
            },
        )
        if created:
            context.say(_("created campaign “%(name)s”") % {"name": spec.name})
    return campaigns


def seed_agency(spec, kind, context):
    agency = ensure_agency(spec, kind, context)
    context.agencies[spec.code] = agency
    context.editors[spec.code] = ensure_user(
        f"{spec.code}.bientap",
        spec.editor,
        [agency.editors_group],
        ROLE_EDITOR,
        agency.name,
        context,
    )
    context.heads[spec.code] = ensure_user(
        f"{spec.code}.lanhdao", spec.head, [agency.heads_group], ROLE_HEAD, agency.name, context
    )
    register_sender(agency, context.editors[spec.code])


def ensure_agency(spec, kind, context):
    agency = Agency.objects.filter(code=spec.code).first()
    if agency is None:
        # Saving an agency provisions its groups, collection and index page (post_save).
        agency = Agency.objects.create(
            name=spec.name,
            short_name=spec.short_name,
            code=spec.code,
            kind=kind,
            email=f"{spec.code}@{EMAIL_DOMAIN}",
        )
        context.say(_("created agency “%(name)s”") % {"name": spec.name})
    agency.refresh_from_db()
    return agency


def seed_department_users(context):
    office = Group.objects.filter(name=office_group_name()).first()
    leadership = Group.objects.filter(name=leadership_group_name()).first()
    username, full_name = OFFICE_USER
    context.office = ensure_user(
        username, full_name, [office], ROLE_OFFICE, DEPARTMENT_NAME, context
    )
    username, full_name = LEADERSHIP_USER
    context.publisher = ensure_user(
        username, full_name, [leadership], ROLE_LEADERSHIP, DEPARTMENT_NAME, context
    )
    username, full_name = ADMIN_USER
    ensure_user(username, full_name, [], ROLE_ADMIN, "", context, superuser=True)


def ensure_user(username, full_name, groups, role, agency_name, context, superuser=False):
    """Look the user up by username, create it if missing; record its login."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    created = user is None
    if created:
        family_name, _space, given_names = full_name.partition(" ")
        user = user_model(
            username=username,
            first_name=given_names,
            last_name=family_name,
            email=f"{username}@{EMAIL_DOMAIN}",
            is_staff=superuser,
            is_superuser=superuser,
        )
    if created or context.reset_passwords:
        user.set_password(context.password)
        user.save()
    if created:
        context.say(_("created user “%(username)s”") % {"username": username})
    user.groups.add(*[group for group in groups if group is not None])
    known = created or context.reset_passwords or user.check_password(context.password)
    context.logins.append((role, username, context.password if known else None, agency_name))
    return user


def ensure_item(spec, context):
    """Create the item unless its slug is taken under the agency's index; True if created."""
    agency = context.agencies[spec.agency]
    index = NewsIndexPage.objects.get(agency=agency)
    slug = vietnamese_slugify(spec.title)
    if index.get_children().filter(slug=slug).exists():
        return False
    editor = context.editors[spec.agency]
    moment = publication_time(spec)
    item = build_item(spec, slug, moment, context)
    plan = None
    if not spec.draft or spec.in_review:
        rng = random.Random(f"{spec.title} review")
        plan = review_plan(context.people(spec.agency), rng, moment, spec.in_review or None)
    Dater(item).run(plan.written_at if plan else moment, lambda: write(index, item, editor))
    if plan:
        play_review(item, plan)
    finish_dating(item, published=not spec.draft)
    return True


def write(index, item, editor):
    index.add_child(instance=item)
    item.save_revision(user=editor)


def build_item(spec, slug, moment, context):
    agency, editor = context.agencies[spec.agency], context.editors[spec.agency]
    rng = random.Random(spec.title)
    item = NewsItemPage(
        title=spec.title,
        slug=slug,
        summary=spec.summary,
        body=render_body(spec, agency),
        topic=context.topics[spec.topic],
        author_line=f"{editor.last_name} {editor.first_name} – {agency.short_name}",
        event_date=(timezone.localtime(moment) - timedelta(days=rng.randint(0, 3))).date(),
        owner=editor,
        live=False,
    )
    if spec.campaign:
        item.campaigns = [context.campaigns[spec.campaign]]
    if spec.reference:
        item.references = [NewsItemReference(**asdict(spec.reference))]
    if spec.cover_alt:
        item.cover_image = make_cover_image(spec, slug, agency, editor)
        item.cover_alt = spec.cover_alt
    if spec.original_file:
        item.original_file = make_original_file(spec, slug, item, agency, editor)
    return item


def render_body(spec, agency):
    paragraphs = [spec.lead, THEMES[spec.theme], *TOPIC_PARAGRAPHS[spec.topic]]
    return "".join(f"<p>{escape(text.format(agency=agency.name))}</p>" for text in paragraphs)


def publication_time(spec):
    """A working-day moment in the last six weeks (drafts: the last few days), stable per title."""
    rng = random.Random(spec.title)
    days_ago = rng.randint(1, 4) if spec.draft else rng.randint(1, PUBLISHING_WINDOW_DAYS)
    day = timezone.localdate() - timedelta(days=days_ago)
    day -= timedelta(days=max(0, day.weekday() - 4))  # Saturday, Sunday -> Friday
    moment = time(rng.randint(8, 16), rng.choice((0, 10, 20, 30, 40, 50)))
    return timezone.make_aware(datetime.combine(day, moment))


def finish_dating(item, published):
    """The page's own dates follow its dated revisions and its (first) publication."""
    latest = item.revisions.order_by("-created_at").values_list("created_at", flat=True)[0]
    fields = {"latest_revision_created_at": latest}
    if published:
        published_at = (
            PageLogEntry.objects.filter(page=item, action="wagtail.publish")
            .order_by("timestamp")
            .values_list("timestamp", flat=True)[0]
        )
        fields.update(first_published_at=published_at, last_published_at=published_at)
    Page.objects.filter(pk=item.pk).update(**fields)
