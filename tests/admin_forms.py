"""Form data for posting news items through the Wagtail admin, as the browser would."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cchc_news.models.news_item import BODY_FEATURES


def news_item_form(title="Một cửa liên thông hiện đại", topic=None, **fields):
    data = {
        "title": title,
        "slug": fields.pop("slug", ""),
        "summary": "Tóm tắt ngắn về kết quả.",
        "body": rich_text("<p>Nội dung chi tiết về cải cách.</p>", features=BODY_FEATURES),
        "topic": topic.pk if topic else "",
        "cover_alt": "",
        "author_line": "",
        "event_date": "",
        "references": inline_formset([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
    }
    data.update(fields)
    return nested_form_data(data)
