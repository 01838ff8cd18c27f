"""The office's screen of received e-mails: the quarantine list (with the reason and the
SPF/DKIM results), assigning a message to an agency (the edit view: it becomes that agency's
draft) and discarding it (the delete view: the row stays, marked discarded). Django
permissions on IncomingMail decide who may do what (the office's group has them, set by
workflows.setup): view to see, change to assign, delete to discard; nobody adds."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from ..admin.columns import local_time
from ..models import Agency, IncomingMail
from ..safe_forms import SafeTextModelForm
from .placement import read
from .quarantine import CannotAssign, assign, discard


class IncomingMailPolicy(ModelPermissionPolicy):
    """The model's view, change (assign) and delete (discard) permissions; never "add"."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a != "add"])


def authentication_text(mail):
    return ", ".join(f"{key}={value}" for key, value in mail.authentication.items()) or "–"


def reason_text(mail):
    return mail.reason or "–"


class AssignForm(SafeTextModelForm):
    class Meta:
        model = IncomingMail
        fields = ["agency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].required = True
        self.fields["agency"].queryset = Agency.objects.active()
        self.fields["agency"].help_text = _(
            "The message becomes a draft of this agency, owned by its intake editor."
        )


class QuarantineIndexView(IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("agency")
        if not self.request.GET.get("status"):  # by default: what waits for the office
            queryset = queryset.filter(status=IncomingMail.QUARANTINED)
        return queryset.defer("raw")

    def get_edit_url(self, instance):
        # Only a message in quarantine can be assigned; the others open their details.
        if instance.status == IncomingMail.QUARANTINED:
            return super().get_edit_url(instance)
        return None

    def get_delete_url(self, instance):
        if instance.status == IncomingMail.QUARANTINED:
            return super().get_delete_url(instance)
        return None

    def get_page_title(self):
        count = IncomingMail.objects.filter(status=IncomingMail.QUARANTINED).count()
        return ngettext(
            "E-mails received (%(count)s in quarantine)",
            "E-mails received (%(count)s in quarantine)",
            count,
        ) % {"count": count}


class AssignView(EditView):
    page_title = _("Assign to an agency")
    submit_button_label = _("Create the draft")
    template_name = "cchc_news/mail_in/assign.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The message as the office reads it before deciding (not kept when over-size).
        context["preview"] = read(bytes(self.object.raw)) if self.object.raw is not None else None
        context["authentication"] = authentication_text(self.object)
        return context

    def get_queryset(self):
        return IncomingMail.objects.filter(status=IncomingMail.QUARANTINED)

    def form_valid(self, form):
        self.form = form
        try:
            self.object = assign(self.object, form.cleaned_data["agency"], self.request.user)
        except CannotAssign as error:
            form.add_error(None, str(error))
            self.produced_error_message = str(error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("“%(subject)s” is now a draft of %(agency)s.")
            % {"subject": self.object, "agency": self.object.agency},
        )
        return redirect(self.index_url_name)


class DiscardView(DeleteView):
    page_title = _("Discard")

    def get_queryset(self):
        return IncomingMail.objects.filter(status=IncomingMail.QUARANTINED)

    @property
    def confirmation_message(self):
        return gettext("Discard this e-mail? It will not become a news item.")

    def get_success_message(self):
        return gettext("E-mail “%(subject)s” discarded.") % {"subject": self.object}

    def delete_action(self):
        discard(self.object, self.request.user)


class IncomingMailViewSet(ModelViewSet):
    model = IncomingMail
    name = "incoming-emails"
    icon = "mail"
    menu_label = _("E-mails received")
    permission_policy = IncomingMailPolicy(IncomingMail)
    index_view_class = QuarantineIndexView
    edit_view_class = AssignView
    delete_view_class = DiscardView
    form_fields = ["agency"]
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "subject",
        Column("sender", label=_("sender")),
        Column("received_at", label=_("received at"), accessor=local_time("received_at")),
        Column("reason", label=_("reason"), accessor=reason_text),
        Column("authentication", label=_("SPF/DKIM"), accessor=authentication_text),
        Column("status", label=_("status"), accessor="get_status_display"),
    ]
    list_filter = ["status"]
    search_fields = ["subject", "sender"]
    search_backend_name = None
    ordering = ["-received_at", "-pk"]
    inspect_view_fields = [
        "subject",
        "sender",
        "sent_at",
        "received_at",
        "message_id",
        "status",
        "reason",
        "authentication",
        "agency",
        "page",
        "handled_by",
        "handled_at",
    ]

    def get_form_class(self, for_update=False):
        return AssignForm
