from django.conf.locale.vi.formats import *  # noqa: F403

from ..input_formats import *  # noqa: F403
