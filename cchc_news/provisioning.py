"""Gives each agency its groups, its file collection and its news index page.

Everything here looks up before it creates, so it can run any number of times;
each function returns a list of human-readable changes (empty when nothing changed).
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Site

from .models import Agency, CCHCSectionPage, NewsIndexPage
from .slugs import vietnamese_slugify

SECTION_SLUG = "cai-cach-hanh-chinh"
AGENCY_PAGE_PERMISSIONS = ["add_page", "change_page"]
AGENCY_COLLECTION_PERMISSIONS = [
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
]


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_group(name, permissions=()):
    """A group named `name` holding (app_label, codename) model permissions."""
    changes = []
    group, created = Group.objects.get_or_create(name=name)
    if created:
        changes.append(_("created group “%(name)s”") % {"name": name})
    for app_label, codename in permissions:
        perm = permission(app_label, codename)
        if not group.permissions.filter(pk=perm.pk).exists():
            group.permissions.add(perm)
            changes.append(_("granted %(perm)s to “%(group)s”") % {"perm": codename, "group": name})
    return group, changes


def sync_page_permissions(group, page, codenames):
    """Make `group` hold exactly `codenames` on `page`."""
    changes = []
    wanted = set(codenames)
    existing = GroupPagePermission.objects.filter(group=group, page=page).select_related(
        "permission"
    )
    for grant in existing:
        if grant.permission.codename not in wanted:
            grant.delete()
            changes.append(
                _("revoked %(perm)s on “%(page)s” from “%(group)s”")
                % {"perm": grant.permission.codename, "page": page.title, "group": group.name}
            )
        wanted.discard(grant.permission.codename)
    for codename in sorted(wanted):
        GroupPagePermission.objects.create(
            group=group, page=page, permission=permission("wagtailcore", codename)
        )
        changes.append(
            _("granted %(perm)s on “%(page)s” to “%(group)s”")
            % {"perm": codename, "page": page.title, "group": group.name}
        )
    return changes


def sync_collection_permissions(group, collection, perms):
    changes = []
    for app_label, codename in perms:
        _grant, created = GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission(app_label, codename)
        )
        if created:
            changes.append(
                _("granted %(perm)s on collection “%(collection)s” to “%(group)s”")
                % {"perm": codename, "collection": collection.name, "group": group.name}
            )
    return changes


def get_section():
    return CCHCSectionPage.objects.first()


def ensure_section():
    """The section page under the default site's home, and the root file collection."""
    changes = []
    section = get_section()
    if section is None:
        home = Site.objects.get(is_default_site=True).root_page
        intro = _(
            "News, results and good practices of administrative reform from the "
            "province's agencies, and the weekly CCHC bulletin."
        )
        section = CCHCSectionPage(
            title=_("Administrative reform"), slug=SECTION_SLUG, intro=f"<p>{intro}</p>"
        )
        home.add_child(instance=section)
        section.save_revision().publish()
        changes.append(_("created the CCHC section page"))
    return section, changes


def section_collection():
    root = Collection.get_first_root_node()
    name = _("Administrative reform")
    existing = root.get_children().filter(name=name).first()
    if existing:
        return existing, []
    return root.add_child(name=name), [_("created collection “%(name)s”") % {"name": name}]


def group_names(agency):
    return (
        _("%(code)s – Editors") % {"code": agency.code.upper()},
        _("%(code)s – Heads") % {"code": agency.code.upper()},
    )


def _agency_groups(agency, changes):
    editors_name, heads_name = group_names(agency)
    access_admin = [("wagtailadmin", "access_admin")]
    editors, group_changes = ensure_group(editors_name, access_admin)
    changes += group_changes
    heads, group_changes = ensure_group(heads_name, access_admin)
    changes += group_changes
    return editors, heads


def _agency_collection(agency, changes):
    collection = agency.collection
    if collection is None:
        parent, collection_changes = section_collection()
        changes += collection_changes
        collection = parent.add_child(name=agency.name)
        changes.append(_("created collection “%(name)s”") % {"name": agency.name})
    elif collection.name != agency.name:
        collection.name = agency.name
        collection.save()
    return collection


def _agency_index(agency, section, changes):
    index = NewsIndexPage.objects.filter(agency=agency).first()
    if index is None:
        index = NewsIndexPage(
            title=agency.name,
            slug=vietnamese_slugify(agency.code),
            agency=agency,
        )
        section.add_child(instance=index)
        index.save_revision().publish()
        changes.append(_("created the news index of “%(agency)s”") % {"agency": agency.name})
    elif index.title != agency.name:
        index.title = agency.name
        index.save_revision(log_action=True).publish()
        changes.append(_("renamed the news index of “%(agency)s”") % {"agency": agency.name})
    return index


def _agency_permissions(agency, groups, index, collection, changes):
    """An active agency's groups may work in its space and collection; an inactive one's not."""
    page_perms = AGENCY_PAGE_PERMISSIONS if agency.active else []
    collection_perms = AGENCY_COLLECTION_PERMISSIONS if agency.active else []
    for group in groups:
        changes += sync_page_permissions(group, index, page_perms)
        if collection_perms:
            changes += sync_collection_permissions(group, collection, collection_perms)
        else:
            GroupCollectionPermission.objects.filter(group=group, collection=collection).delete()


def _link_agency(agency, links):
    stale = {
        field: value for field, value in links.items() if getattr(agency, f"{field}_id") != value.pk
    }
    if stale:
        Agency.objects.filter(pk=agency.pk).update(**stale)
        for field, value in stale.items():
            setattr(agency, field, value)


# Group and page names are data: always name them in the site's language, whatever
# the language of the admin user whose action triggered the provisioning.
@translation.override(settings.LANGUAGE_CODE)
@transaction.atomic
def provision_agency(agency, section=None):
    """Groups, collection, index page and permissions for one agency."""
    section = section or get_section()
    if section is None:
        return []  # setup_cchc provisions every agency once the section exists
    changes = []
    editors, heads = _agency_groups(agency, changes)
    collection = _agency_collection(agency, changes)
    index = _agency_index(agency, section, changes)
    _agency_permissions(agency, (editors, heads), index, collection, changes)
    _link_agency(agency, {"editors_group": editors, "heads_group": heads, "collection": collection})
    return changes


def provision_all(section):
    changes = []
    for agency in Agency.objects.select_related("editors_group", "heads_group", "collection"):
        changes += provision_agency(agency, section)
    return changes
