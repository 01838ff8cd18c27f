"""Replace Wagtail's "Welcome" placeholder with the portal's HomePage.

Looks before it acts, so it is safe on a database where a home page already
exists or where the placeholder was removed or edited.
"""

from django.db import migrations

STEPLEN = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def next_child_path(parent, siblings):
    last = siblings.order_by("-path").values_list("path", flat=True).first()
    number = int(last[-STEPLEN:], 36) + 1 if last else 1
    step = ""
    while number:
        number, digit = divmod(number, 36)
        step = ALPHABET[digit] + step
    return parent.path + step.rjust(STEPLEN, "0")


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("home.HomePage")

    if HomePage.objects.exists():
        return
    root = Page.objects.filter(depth=1).first()
    if root is None:
        return

    placeholder_type = ContentType.objects.get_for_model(Page)
    placeholder = Page.objects.filter(
        content_type=placeholder_type, depth=2, slug="home", numchild=0
    ).first()
    if placeholder is not None:
        Site.objects.filter(root_page=placeholder).delete()
        placeholder.delete()

    homepage_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    siblings = Page.objects.filter(depth=2, path__startswith=root.path)
    slug = "home" if not siblings.filter(slug="home").exists() else "trang-chu"
    homepage = HomePage.objects.create(
        title="Trang chủ",
        draft_title="Trang chủ",
        slug=slug,
        content_type=homepage_type,
        path=next_child_path(root, siblings),
        depth=2,
        numchild=0,
        url_path=f"/{slug}/",
        locale=Locale.objects.order_by("pk").first(),
        live=True,
        has_unpublished_changes=False,
    )
    Page.objects.filter(pk=root.pk).update(numchild=siblings.count())

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=homepage, is_default_site=True,
            site_name="Sở Nội vụ",
        )
    else:
        site.root_page = homepage
        site.save()


def remove_homepage(apps, schema_editor):
    apps.get_model("home.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
