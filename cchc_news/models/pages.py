"""What the section's page models share: Vietnamese slugs made from titles, and the pagination of
their listings."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

from ..forms import CCHCPageForm
from ..slugs import unique_child_slug

ITEMS_PER_PAGE = 12


class VietnameseSlugMixin:
    """Generates readable ASCII slugs from Vietnamese titles when none is given."""

    base_form_class = CCHCPageForm

    def full_clean(self, *args, **kwargs):
        if not self.slug and self.title and self.path:
            self.slug = unique_child_slug(self.get_parent(), self.title, exclude_pk=self.pk)
        super().full_clean(*args, **kwargs)


def paginate(request, queryset, per_page=ITEMS_PER_PAGE):
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
