"""The bulletin's editor and its correction reason remove bidirectional control characters
(cchc_news.text_safety): from the title, the introduction and each entry's note."""

import pytest
from wagtail.test.utils.form_data import rich_text, streamfield

from bulletin.correction_views import CorrectionForm
from bulletin.models import BulletinPage
from bulletin.weeks import Week
from cchc_news.text_safety import has_bidi

from .conftest import local
from .editing import assemble_week, post_editor

pytestmark = pytest.mark.django_db

RLO = "\u202e"


def test_the_bulletin_editor_cleans_title_intro_and_notes(
    client, office_user, archive, publish_item, settings
):
    settings.BULLETIN_AUTO_PUBLISH = False
    item = publish_item(local(2026, 11, 10, 9, 0), "Tin A")
    draft = assemble_week(Week(2026, 46))
    client.force_login(office_user)

    response = post_editor(
        client,
        draft,
        [item],
        title=f"Bản tin {RLO}fdp.exe",
        intro=rich_intro(f"Lời giới thiệu {RLO}đảo chiều."),
        entries=entries_with_note(item, "Ghi chú \u2067đảo\u2069 chiều."),
    )

    assert response.status_code == 302
    latest = BulletinPage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    assert latest.title == "Bản tin fdp.exe"
    assert not has_bidi(latest.intro) and "Lời giới thiệu đảo chiều." in latest.intro
    assert [block.value["note"] for block in latest.entries] == ["Ghi chú đảo chiều."]
    assert latest.item_ids() == [item.pk]


def rich_intro(text):
    return rich_text(f"<p>{text}</p>")


def entries_with_note(item, note):
    return streamfield([("entry", {"item": item.pk, "note": note})])


def test_the_correction_reason_is_cleaned():
    form = CorrectionForm({"reason": f"Bổ sung {RLO}tin bị sót."})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["reason"] == "Bổ sung tin bị sót."
