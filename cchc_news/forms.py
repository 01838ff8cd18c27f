from wagtail.admin.forms import WagtailAdminModelForm


class AgencyForm(WagtailAdminModelForm):
    """The code names the agency's groups and web address: fixed once created."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "code" in self.fields:
            self.fields["code"].disabled = True
