"""The WSGI application is ready before its first request (``aicert/wsgi.py``)."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
import sys
import aicert.wsgi
from django.urls import get_resolver
from django.utils.translation import trans_real
resolver = get_resolver()
print("views" if "aicert.selfassess.views" in sys.modules else "no views")
print("urls" if "url_patterns" in resolver.__dict__ else "no urls")
print("reverse" if resolver._populated else "no reverse")
print(" ".join(sorted(trans_real._translations)))
"""


def test_importing_the_application_imports_every_view_and_loads_each_language():
    # A fresh interpreter, as a gunicorn worker starts: nothing has been imported before.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "aicert.settings"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[:3] == ["views", "urls", "reverse"]
    assert set(out[3].split()) >= {"en", "zh-hant"}
