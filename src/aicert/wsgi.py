"""The WSGI application (gunicorn: ``aicert.wsgi:application``), made ready before it serves.

Django imports the URL configuration -- every view module, and with them scipy, openpyxl and
fpdf -- on a process's first request, and loads a language's translation catalogues the first
time that language is used. In a gunicorn worker that is over a second of CPU spent inside the
first requests after every start, restart or recycle: at an exam's start or in a registration
rush, those candidates waited seconds and the other workers lost the core meanwhile. Doing it
here moves the work to the worker's start-up, before it accepts a connection (gunicorn loads
this module in each worker, or once in the master with ``--preload``).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aicert.settings")
application = get_wsgi_application()


def _warm_up() -> None:
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils import translation

    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 -- imports every view module
    resolver.reverse_dict  # noqa: B018 -- the reverse() table, built once per process
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Sign in")


_warm_up()
