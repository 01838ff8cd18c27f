"""Whoever read the report before this upgrade keeps it: the groups that setup_cchc named the CCHC
office and the leadership (in the site's language) get the report's permission now, rather than
at the next setup_cchc. From now on the permission, not the name, decides."""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils import translation
from django.utils.translation import gettext

PERMISSION = ("participation", "view_participation_report")
GROUPS = ("CCHC office", "Leadership")  # workflows.roles, as setup_cchc stored them


def create_app_permissions(apps, app_label):
    # Django creates permissions after all migrations (post_migrate): this one is needed now.
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True  # create_permissions skips an app without it
    try:
        create_permissions(app_config, apps=apps, verbosity=0)
    finally:
        app_config.models_module = None


def grant_to_former_readers(apps, schema_editor):
    app_label, codename = PERMISSION
    create_app_permissions(apps, app_label)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    with translation.override(settings.LANGUAGE_CODE):
        names = [gettext(name) for name in GROUPS]
    for group in Group.objects.filter(name__in=names):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("participation", "0001_report_permission"),
    ]

    operations = [
        migrations.RunPython(grant_to_former_readers, migrations.RunPython.noop, elidable=True),
    ]
