#!/usr/bin/env python
"""Django's command-line utility for the CCHC portal."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def main():
    # site/ holds the host project; it is a plain folder because a package
    # named `site` would be shadowed by the standard library's `site` module.
    sys.path.insert(0, str(ROOT / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
