"""An audit batch writes the events recorded inside it in one INSERT as it ends, in order; an
error leaving it drops them (their transaction rolls back); a batch inside another joins it."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from aicert.audit.models import AuditEvent
from aicert.audit.services import audit_batch, audit_record
from aicert.centers.models import Region


@pytest.mark.django_db
def test_the_events_of_a_batch_are_written_together_at_its_end():
    north, south = Region.objects.order_by("pk")[:2]
    with CaptureQueriesContext(connection) as captured:
        with transaction.atomic(), audit_batch():
            first = audit_record(actor=None, action="test.one", target=north, changes={"n": 1})
            audit_record(actor=None, action="test.two", target=south)
            assert first.pk is None and not AuditEvent.objects.exists()
    inserts = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1
    events = list(AuditEvent.objects.order_by("pk"))
    assert [(e.action, e.target_id, e.changes) for e in events] == [
        ("test.one", str(north.pk), {"n": 1}),
        ("test.two", str(south.pk), {}),
    ]
    assert events[0].target_repr == str(north) and events[0].created_at is not None


@pytest.mark.django_db
def test_an_error_drops_the_batch_and_outside_one_events_are_written_at_once():
    region = Region.objects.order_by("pk").first()
    with pytest.raises(RuntimeError), transaction.atomic(), audit_batch():
        audit_record(actor=None, action="test.lost", target=region)
        raise RuntimeError
    assert not AuditEvent.objects.exists()
    event = audit_record(actor=None, action="test.now", target=region)
    assert event.pk is not None and AuditEvent.objects.get().action == "test.now"


@pytest.mark.django_db
def test_a_batch_inside_another_joins_it():
    region = Region.objects.order_by("pk").first()
    with transaction.atomic(), audit_batch():
        with audit_batch():
            audit_record(actor=None, action="test.inner", target=region)
        assert not AuditEvent.objects.exists()  # still waiting for the outer batch
        audit_record(actor=None, action="test.outer", target=region)
    assert list(AuditEvent.objects.order_by("pk").values_list("action", flat=True)) == [
        "test.inner",
        "test.outer",
    ]
