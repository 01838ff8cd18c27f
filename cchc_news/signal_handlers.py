from django.db.models.signals import post_save

from .models import Agency


def provision_saved_agency(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: the fixture carries the provisioned rows itself
        return
    from .provisioning import provision_agency

    provision_agency(instance)


def register():
    post_save.connect(
        provision_saved_agency, sender=Agency, dispatch_uid="cchc_news.provision_saved_agency"
    )
