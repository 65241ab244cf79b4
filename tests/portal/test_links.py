"""E-mails carry absolute links to the site people use (tests/results checks one);
production refuses to start without the address."""

import os
import subprocess
import sys

from django.test import override_settings

from aicert.credentials.signing.multikey import secret_key_generate
from aicert.shared.links import absolute_reverse, absolute_url


@override_settings(AICERT_SITE_URL="https://aicert.example.org/")
def test_absolute_links_join_the_site_and_the_path():
    assert absolute_url("/results/7/") == "https://aicert.example.org/results/7/"
    assert absolute_reverse("results:report", 7) == "https://aicert.example.org/results/7/"


def test_production_refuses_to_start_without_the_site_address():
    env = {
        **os.environ,
        "AICERT_ENV": "production",
        "SECRET_KEY": "a-long-random-secret-for-this-test-only-7Hq2xV9pLm4Rt8Kw3Zc6Nb1",
        "ALLOWED_HOSTS": "aicert.example.org",
        "FIELD_ENCRYPTION_KEY": "ZGV2LW9ubHktYWljZXJ0LWZpZWxkLWtleS0zMmJ5dGU=",
        # Production also needs the certificates' signing key (a Multikey secret).
        "AICERT_SIGNING_KEY": secret_key_generate(),
        "DJANGO_SETTINGS_MODULE": "aicert.settings",
    }
    env.pop("AICERT_SIGNING_KEY_FILE", None)
    env.pop("AICERT_SITE_URL", None)
    # Set for Playwright by the browser tests' conftest; a real deployment never has it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    code = "import django; django.setup()"
    failed = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert failed.returncode != 0 and "AICERT_SITE_URL must be set" in failed.stderr
    env["AICERT_SITE_URL"] = "https://aicert.example.org"
    started = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert started.returncode == 0, started.stderr
    # And Django's deployment checklist has nothing to say about it.
    deploy = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
