"""The section in Wagtail's admin: the agencies' and taxonomy's viewsets, the dashboard panel and
the news item listing of an agency, copying pages, autosave of a new item, the sent-back notice,
the page chooser and admin API guards, and one transaction per admin write."""
