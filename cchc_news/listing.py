"""The section's news listing, filterable by agency, topic, campaign and date range."""


def render_news_listing(section, request):
    raise NotImplementedError  # being written
