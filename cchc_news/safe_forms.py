"""Forms whose text is cleaned of bidirectional control characters (cchc_news.text_safety).

Every form through which text enters the section derives from one of these, so that a field
added later is cleaned without anyone remembering to: the page forms (``SafeTextPageForm``, the
base of every page type's form), the admin's model forms (``SafeTextModelForm``), plain forms
(``SafeTextForm``: withdrawal, review comments, corrections) and, through
``with_safe_text``, the forms Wagtail builds for a viewset from its ``form_fields``. The forms of
a model form's formsets (inline panels, editor comments) are cleaned with it.

The cleaning follows each field's own, before ``clean_<name>``, the form-wide ``clean()`` and
the building of the model instance, so what is validated, saved and shown is the cleaned text.
It covers strings (CharField, TextField, rich text HTML, tags) and the raw data of StreamFields.
"""

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.blocks import StreamValue

from .text_safety import strip_bidi_deep


def cleaned_value(value):
    """A form field's cleaned value without bidirectional control characters."""
    if isinstance(value, StreamValue):
        raw = value.get_prep_value()
        cleaned = strip_bidi_deep(raw)
        # Rebuilt only when something changed: to_python fetches chosen pages and images again.
        return value if cleaned == raw else value.stream_block.to_python(cleaned)
    return strip_bidi_deep(value)


def _safe_clean(field):
    """`field.clean`, followed by the removal; a required field left empty by it is refused."""
    original = field.clean

    def clean(*args, **kwargs):
        value = cleaned_value(original(*args, **kwargs))
        if isinstance(value, str):
            value = value.strip() if getattr(field, "strip", False) else value
            if field.required and not value:
                raise ValidationError(field.error_messages["required"], code="required")
        return value

    clean.safe_text = True
    return clean


def protect(form):
    """Wraps the cleaning of every field of `form` and of the forms of its formsets (an inline
    panel's rows, Wagtail's editor comments and their replies), once."""
    for field in form.fields.values():
        if not getattr(field.clean, "safe_text", False):
            field.clean = _safe_clean(field)
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            protect(child)


class SafeTextMixin:
    """Removes bidirectional control characters from every field of the form as it is cleaned.

    Each field's own cleaning is followed by the removal (the fields are the form's own copies),
    so the field's ``clean_<name>`` method, the form's ``clean()`` and the model instance all see
    the cleaned text, and a required field holding nothing else is refused as empty. Fields
    are wrapped when the form is cleaned, so fields added by a subclass's ``__init__`` are too,
    and so are the forms of a model form's formsets, which ClusterForm validates after the form
    itself (Wagtail builds an inline panel's form class without the model's base form).
    """

    def full_clean(self):
        protect(self)
        super().full_clean()


class SafeTextForm(SafeTextMixin, forms.Form):
    pass


class SafeTextModelForm(SafeTextMixin, WagtailAdminModelForm):
    pass


class SafeTextPageForm(SafeTextMixin, WagtailAdminPageForm):
    pass


def with_safe_text(form_class):
    """`form_class`, or a subclass of it that cleans its text if it does not already."""
    if issubclass(form_class, SafeTextMixin):
        return form_class
    return type(form_class)(form_class.__name__, (SafeTextMixin, form_class), {})
