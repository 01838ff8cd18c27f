"""cchc_news's Wagtail hooks live with the feature they serve; Wagtail imports this module, which
registers them by importing each feature's hook module (in this order: hooks of one kind run in
the order they were registered)."""

from .admin import hooks as admin_hooks  # noqa: F401
from .checklist import hooks as checklist_hooks  # noqa: F401
from .guide import hooks as guide_hooks  # noqa: F401
from .mail_in import hooks as mail_in_hooks  # noqa: F401
from .public import hooks as public_hooks  # noqa: F401
from .withdrawal import hooks as withdrawal_hooks  # noqa: F401
from .word_import import hooks as word_import_hooks  # noqa: F401
