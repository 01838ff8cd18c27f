from cchc_news.signals import section_ready


def set_up_archive(sender, section, **kwargs):
    from .setup import ensure_archive

    return ensure_archive(section)


def register():
    section_ready.connect(set_up_archive, dispatch_uid="bulletin.set_up_archive")
