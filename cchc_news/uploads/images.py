"""The Wagtail image form of the portal: titles and tags without bidirectional controls.

Used through the setting ``WAGTAILIMAGES_IMAGE_FORM_BASE``, which Wagtail's ``get_image_form``
reads for every image upload and edit (single, multiple and chooser uploads). An image's title
is shown as its description where no other is given, on the site and in the admin.
"""

from wagtail.images.forms import BaseImageForm

from ..safe_forms import SafeTextMixin


class CCHCImageForm(SafeTextMixin, BaseImageForm):
    pass
