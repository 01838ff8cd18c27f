from django.conf.locale.en.formats import *  # noqa: F403

from ..input_formats import *  # noqa: F403
