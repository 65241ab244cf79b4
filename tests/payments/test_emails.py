"""Payment emails: the registration email carries how to pay; payment events in the candidate's language."""

import pytest
from django.core import mail

from aicert.registration.services import registration_create

pytestmark = pytest.mark.django_db


def test_registration_email_says_how_to_pay(
    make_session, make_candidate, django_capture_on_commit_callbacks
):
    candidate = make_candidate(language="zh-hant")
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_create(candidate=candidate, session=make_session(fee=1200))
    (message,) = mail.outbox
    account = registration.virtual_account
    assert account.number in message.body
    assert "虛擬帳號" in message.body and "NT$1200" in message.body
    assert "繳費期限" in message.body


def test_free_session_email_has_no_payment_details(
    make_session, make_candidate, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(candidate=make_candidate(language="en"), session=make_session(fee=0))
    (message,) = mail.outbox
    assert "Virtual account" not in message.body
