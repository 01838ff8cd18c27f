"""The portal's logging: one line per event on standard error."""


def logging_config(level):
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            # Wagtail's in-process search/reference-index tasks log every run at INFO.
            "django_tasks": {"level": "WARNING"},
            # django-axes narrates every login at INFO; its warnings hide user and address, which
            # portal.lockouts logs.
            "axes": {"level": "WARNING"},
        },
    }
