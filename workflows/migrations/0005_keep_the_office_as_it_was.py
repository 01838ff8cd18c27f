"""The CCHC office stays the office through this upgrade: the group that setup_cchc named the CCHC
office (in the site's language) gets the stand-in permission now, rather than at the next
setup_cchc. From now on the permission, not the name, decides who the office is."""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils import translation
from django.utils.translation import gettext

PERMISSION = ("cchc_workflows", "stand_in_for_agency_heads")
GROUP = "CCHC office"  # workflows.roles.office_group_name, as setup_cchc stored it


def grant_to_the_office(apps, schema_editor):
    app_label, codename = PERMISSION
    # Django creates permissions after all migrations (post_migrate): this one is needed now.
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True  # create_permissions skips an app without it
    try:
        create_permissions(app_config, apps=apps, verbosity=0)
    finally:
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    with translation.override(settings.LANGUAGE_CODE):
        name = gettext(GROUP)
    for group in Group.objects.filter(name=name):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("cchc_workflows", "0004_stand_in_permission"),
    ]

    operations = [
        migrations.RunPython(grant_to_the_office, migrations.RunPython.noop, elidable=True),
    ]
