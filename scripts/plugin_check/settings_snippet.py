# CCHC news & weekly bulletin: the lists of a `wagtail start` project, with the lines marked
# CCHC added, and the plugin's settings.
INSTALLED_APPS = [
    "home",
    "search",
    # CCHC: before Wagtail's apps, so that their templates and Vietnamese translations win.
    "cchc_news",
    "workflows",
    "bulletin",
    "participation",
    "wagtail_vi",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",  # CCHC: the section's pages
    "wagtail.contrib.settings",  # CCHC: the Department's identity
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # CCHC: after authentication; keeps other agencies' drafts out of the page chooser.
    "cchc_news.admin.page_chooser.PageChooserVisibilityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # CCHC: last; each write to the admin is one transaction, all or nothing.
    "cchc_news.admin.transactions.AtomicAdminWritesMiddleware",
]

# Vietnamese first; the weekly cut-off is in this time zone.
LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
# Agencies send Word, PDF or OpenDocument files, judged by their content when uploaded...
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cchc_news.uploads.documents.CCHCDocumentForm"
# Image titles, like every text the plugin's forms take, without bidirectional controls.
WAGTAILIMAGES_IMAGE_FORM_BASE = "cchc_news.uploads.images.CCHCImageForm"
# ...and served only through Wagtail's view, which hides those no live page uses.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Search that ignores Vietnamese diacritics; on PostgreSQL use
# {"BACKEND": "cchc_news.public.search_backends.postgres", "SEARCH_CONFIG": "cchc_vietnamese"}.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cchc_news.public.search_backends.sqlite"}}
