"""Day-first input formats for both admin languages.

Wagtail's date pickers write WAGTAIL_DATE_FORMAT (%d/%m/%Y). Django's own `vi` locale
has no input formats, so Django fell back to its month-first defaults and read
"04/05/2026" as 5 April; the `en` locale is month-first too.
"""

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
