"""The registration POST's one-query session read (issue #14) gives the same session, subject,
level, room and venue as the ORM would, published sessions only, in one query."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aicert.scheduling.models import Session
from aicert.scheduling.selectors import session_get_for_registering
from tests.factories import SessionFactory


@pytest.mark.django_db
def test_the_session_and_its_parents_come_in_one_query_as_the_orm_reads_them():
    made = SessionFactory()
    expected = Session.objects.select_related("subject__level", "room__venue").get(pk=made.pk)
    with CaptureQueriesContext(connection) as captured:
        session = session_get_for_registering(pk=made.pk)
        # every column of the session, and the names of its parents, without another query
        for field in Session._meta.concrete_fields:
            assert getattr(session, field.attname) == getattr(expected, field.attname), field
        assert session.starts_at.tzinfo is not None
        assert str(session) == str(expected)
        assert session.subject.level.pk == expected.subject.level_id
        assert str(session.subject.level) == str(expected.subject.level)
        assert str(session.room.venue) == str(expected.room.venue)
    assert len(captured) == 1
    # the other columns of the parents are there on first use (loaded then)
    assert session.subject.code == expected.subject.code
    assert session.room.venue.center_id == expected.room.venue.center_id


@pytest.mark.django_db
def test_an_unpublished_or_missing_session_is_not_found():
    draft = SessionFactory(draft=True)
    with pytest.raises(Session.DoesNotExist):
        session_get_for_registering(pk=draft.pk)
    with pytest.raises(Session.DoesNotExist):
        session_get_for_registering(pk=draft.pk + 1000)
