import os
import sys
from pathlib import Path

# The apps live at the repository root, the host project in site/.
SITE_DIR = Path(__file__).resolve().parent.parent
for path in (SITE_DIR.parent, SITE_DIR):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

django_application = get_wsgi_application()

from cchc_news.public.page_cache_wsgi import PageCacheApplication  # noqa: E402
from portal.request_id import request_id_header  # noqa: E402

# Page cache hits are answered here, before Django builds a request (see the module).
application = PageCacheApplication(django_application, request_headers=request_id_header)
