from django.urls import reverse

from tests.admin_forms import news_item_form


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("cchc_news", "newsitempage", parent.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def action_url(page, action, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))


def submit_form(topic, document, **fields):
    return news_item_form(
        topic=topic, original_file=document.pk, **{"action-submit": "1"}, **fields
    )


def current_task_state(page):
    page.refresh_from_db()
    return page.current_workflow_task_state


def act(client, user, page, action, comment=""):
    """Perform a workflow action as `user` through the admin; returns the response."""
    client.force_login(user)
    task_state = current_task_state(page)
    data = {"comment": comment} if comment or action == "reject" else {}
    return client.post(action_url(page, action, task_state), data)
