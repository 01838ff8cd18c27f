"""Vietnamese translations of the Wagtail admin, in the register of a provincial department.

Wagtail's own Vietnamese catalogue covers a small part of the admin. This app ships a complete
catalogue for the screens our editors, heads, the CCHC office and the leadership use. It is listed
before the Wagtail apps in INSTALLED_APPS so that its translations win over Wagtail's.
"""
