"""The demo's commands, now in the aicert.demo app, still do what the README says."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def test_demo_totp_prints_the_current_code_of_a_staff_account(demo):
    out = StringIO()
    call_command("demo_totp", "writer@aicert.example", stdout=out)
    assert re.fullmatch(r"\d{6}\n", out.getvalue())


def test_demo_totp_refuses_an_account_without_a_demo_authenticator(demo):
    with pytest.raises(CommandError, match="not a demo staff account"):
        call_command("demo_totp", "candidate@aicert.example")
