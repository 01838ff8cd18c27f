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

application = get_wsgi_application()
