"""Notifications are sent after commit, through a task, in the candidate's language."""

import pytest
from django.core import mail

from aicert.registration.services import registration_create

pytestmark = pytest.mark.django_db


def test_confirmation_email_in_traditional_chinese(
    make_session, make_candidate, django_capture_on_commit_callbacks
):
    candidate = make_candidate(language="zh-hant")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        registration_create(candidate=candidate, session=make_session(fee=1200))
    assert mail.outbox == []  # nothing is sent before the transaction commits
    for callback in callbacks:
        callback()
    (message,) = mail.outbox
    assert message.to == [candidate.email]
    assert "報名" in message.subject
    assert "1200" in message.body and "繳" in message.body
    assert "人工智慧基礎概論" in message.body


def test_confirmation_email_in_english(
    make_session, make_candidate, django_capture_on_commit_callbacks
):
    candidate = make_candidate(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(candidate=candidate, session=make_session(fee=0))
    (message,) = mail.outbox
    assert message.subject == "[aicert] Your exam registration"
    assert "Your seat is confirmed." in message.body
    assert "Introduction to AI" in message.body


def test_waitlist_email(make_session, make_candidate, django_capture_on_commit_callbacks):
    session = make_session(capacity=1)
    registration_create(candidate=make_candidate(), session=session)
    waiting = make_candidate(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(candidate=waiting, session=session, join_waitlist=True)
    (message,) = [m for m in mail.outbox if m.to == [waiting.email]]
    assert "waiting list" in message.subject and "waiting list" in message.body


def test_no_email_when_registration_fails(
    make_session, make_candidate, django_capture_on_commit_callbacks
):
    from django.core.exceptions import ValidationError

    session = make_session(capacity=1)
    registration_create(candidate=make_candidate(), session=session)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        registration_create(candidate=make_candidate(), session=session)
    assert mail.outbox == []
