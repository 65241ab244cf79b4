"""Domain events: on-commit handlers run after the commit (never after a rollback), and
in-transaction handlers run at once and roll the change back when they fail."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import transaction

from aicert.audit.models import AuditEvent
from aicert.audit.services import audit_record
from aicert.centers.models import Region
from aicert.shared import events


@dataclass(frozen=True)
class Happened:
    what: str


@pytest.fixture
def isolated(monkeypatch):
    """A private subscription table, so test handlers never leak into the platform's."""
    monkeypatch.setattr(events, "_subscriptions", {})


@pytest.mark.django_db
def test_on_commit_handlers_run_after_the_commit_only(isolated, django_capture_on_commit_callbacks):
    heard = []
    events.event_subscribe(Happened, lambda e: heard.append(e.what))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            events.event_publish(Happened("committed"))
            assert heard == []  # not before the commit
    assert heard == ["committed"] and len(callbacks) == 1


@pytest.mark.django_db(transaction=True)
def test_on_commit_handlers_never_hear_a_rolled_back_change(isolated):
    heard = []
    events.event_subscribe(Happened, lambda e: heard.append(e.what))
    with pytest.raises(RuntimeError), transaction.atomic():
        events.event_publish(Happened("rolled back"))
        raise RuntimeError
    with transaction.atomic():
        events.event_publish(Happened("kept"))
    assert heard == ["kept"]


@pytest.mark.django_db(transaction=True)
def test_a_failing_in_transaction_handler_rolls_the_change_back(isolated):
    def refuse(event):
        raise ValueError(f"refused {event.what}")

    events.event_subscribe(Happened, refuse, phase=events.IN_TRANSACTION)
    with pytest.raises(ValueError, match="refused change"), transaction.atomic():
        audit_record(actor=None, action="test.change", target=Region.objects.get(code="south"))
        events.event_publish(Happened("change"))
    assert not AuditEvent.objects.filter(action="test.change").exists()


def test_subscribing_twice_is_harmless_and_phases_are_checked(isolated):
    def handler(event):
        return None

    events.event_subscribe(Happened, handler)
    events.event_subscribe(Happened, handler)
    assert events.event_subscribers(Happened) == [handler]
    with pytest.raises(ValueError, match="Unknown event phase"):
        events.event_subscribe(Happened, handler, phase="later")


def test_the_platform_wires_its_events():
    """The apps above delivery, registration and scoring hear what those apps publish."""
    from aicert.delivery.events import AttemptEnded
    from aicert.registration.events import RegistrationAwaitingPayment
    from aicert.scoring.events import AttemptScoreChanged

    modules = lambda event: {h.__module__ for h in events.event_subscribers(event)}  # noqa: E731
    assert modules(AttemptEnded) == {"aicert.scoring.contributions", "aicert.results.contributions"}
    assert modules(AttemptScoreChanged) == {"aicert.results.contributions"}
    assert modules(RegistrationAwaitingPayment) == {"aicert.payments.contributions"}
