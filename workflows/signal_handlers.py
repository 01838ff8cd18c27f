from cchc_news.signals import section_ready


def set_up_moderation(sender, section, **kwargs):
    from .setup import set_up_moderation as run

    return run(section)


def register():
    section_ready.connect(set_up_moderation, dispatch_uid="workflows.set_up_moderation")
