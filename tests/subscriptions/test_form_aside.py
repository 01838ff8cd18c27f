"""The subscription form under the bulletins (no choices) is made without the choices' fields,
whose querysets each form copies, and renders as the whole form did."""

import pytest
from django.template.loader import render_to_string

from subscriptions.forms import SubscribeForm
from subscriptions.templatetags.subscriptions import subscribe_form
from tests.factories import TopicFactory

pytestmark = pytest.mark.django_db


def test_the_aside_form_has_no_choice_fields():
    form = subscribe_form()["form"]
    assert list(form.fields) == ["email", "website"]
    assert list(subscribe_form(choices=True)["form"].fields) == list(SubscribeForm().fields)


@pytest.mark.parametrize("heading", [True, False])
def test_the_aside_renders_as_the_whole_form_did(heading):
    TopicFactory(name="Kết quả")
    template = "subscriptions/includes/subscribe_form.html"
    context = subscribe_form(heading=heading)
    assert render_to_string(template, context) == render_to_string(
        template, context | {"form": SubscribeForm()}
    )
