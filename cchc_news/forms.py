from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from .slugs import unique_child_slug


class AgencyForm(WagtailAdminModelForm):
    """The code names the agency's groups and web address: fixed once created."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "code" in self.fields:
            self.fields["code"].disabled = True


class CCHCPageForm(WagtailAdminPageForm):
    """Fills a blank slug from the title on the server.

    The admin's JavaScript normally fills it while the title is typed; without it
    (script blocked, form posted by other means) the editor's text must still save.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        title = self.cleaned_data.get("title") or self.data.get("title", "")
        if not slug and title and self.parent_page is not None:
            slug = unique_child_slug(self.parent_page, title, exclude_pk=self.instance.pk)
        return slug
