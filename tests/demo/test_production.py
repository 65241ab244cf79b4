"""The demo is development-only: production neither installs nor imports it.

``aicert.demo`` depends on every app; no app depends on it. These tests start Django with
production settings in a subprocess (as a deployment would) and import every module of the
code base except the demo, then look for the demo in ``sys.modules``.
"""

import json
import os
import subprocess
import sys

from django.conf import settings
from django.core.management import get_commands

from aicert.credentials.signing.multikey import secret_key_generate

PRODUCTION_ENV = {
    "AICERT_ENV": "production",
    "SECRET_KEY": "a-long-random-secret-for-this-test-only-7Hq2xV9pLm4Rt8Kw3Zc6Nb1",
    "ALLOWED_HOSTS": "aicert.example.org",
    "FIELD_ENCRYPTION_KEY": "ZGV2LW9ubHktYWljZXJ0LWZpZWxkLWtleS0zMmJ5dGU=",
    "AICERT_SITE_URL": "https://aicert.example.org",
    # The certificates' signing key (a Multikey secret); production refuses to start without one.
    "AICERT_SIGNING_KEY": secret_key_generate(),
    "DJANGO_SETTINGS_MODULE": "aicert.settings",
}
DEMO_COMMANDS = {"seed_demo", "demo_totp", "seed_marking_demo"}

# Imports every module under aicert/ but aicert.demo (walking the tree by hand: pkgutil's
# walk_packages would import the demo package itself to look inside it), and every installed
# app's management commands, then reports what of the demo got imported.
IMPORT_EVERYTHING = """
import importlib, json, pkgutil, sys
import django
django.setup()
from django.apps import apps
from django.conf import settings
from django.core.management import get_commands, load_command_class

import aicert

def walk(path, prefix):
    for info in pkgutil.iter_modules(path, prefix):
        if info.name == "aicert.demo" or info.name.endswith(".__main__"):
            continue
        module = importlib.import_module(info.name)
        if info.ispkg:
            walk(module.__path__, info.name + ".")

walk(aicert.__path__, "aicert.")
importlib.import_module(settings.ROOT_URLCONF)
commands = get_commands()
for name, app in commands.items():
    load_command_class(app, name)
print(json.dumps({
    "apps": sorted(a.name for a in apps.get_app_configs()),
    "commands": sorted(commands),
    "demo": sorted(m for m in sys.modules if m == "aicert.demo" or m.startswith("aicert.demo.")),
}))
"""


def _run(args, env_overrides):
    env = {**os.environ, **env_overrides}
    # Set for Playwright by the browser tests' conftest; a real deployment never has it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.pop("AICERT_DEMO_DATA_DIR", None)
    done = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_production_imports_no_demo_module_and_offers_no_demo_command():
    found = json.loads(_run(["-c", IMPORT_EVERYTHING], PRODUCTION_ENV).splitlines()[-1])
    assert "aicert.demo" not in found["apps"]
    assert "aicert.itembank" in found["apps"]  # the walk did load the product
    assert not DEMO_COMMANDS & set(found["commands"])
    assert "run_periodic" in found["commands"]
    assert found["demo"] == []


def test_production_help_lists_no_demo_command():
    listed = _run(["-m", "aicert", "help"], PRODUCTION_ENV)
    assert "run_periodic" in listed
    assert not any(name in listed for name in DEMO_COMMANDS)


def test_outside_production_the_demo_is_an_app_with_its_commands():
    # The other side of the tests above, so they cannot pass for a reason of their own.
    assert "aicert.demo" in settings.INSTALLED_APPS
    commands = get_commands()
    assert {name: commands.get(name) for name in DEMO_COMMANDS} == dict.fromkeys(
        DEMO_COMMANDS, "aicert.demo"
    )
