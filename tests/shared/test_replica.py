"""The read-replica router: read-only pages read from ``replica``, all else on the primary.

The ``replica`` alias here is a test mirror of the test database (as settings make it when
``DATABASE_REPLICA_URL`` is set): a second connection to the same database, so which connection
ran a query shows where the router sent it.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys

import pytest
from django.contrib.sessions.models import Session as DjangoSession
from django.db import connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aicert.catalog.models import Certification
from aicert.shared import replica
from tests.factories import FoundationFactory, SessionFactory, UserFactory

ROUTER = "aicert.shared.replica.PrimaryReplicaRouter"


@pytest.fixture(scope="module")
def replica_alias(django_db_setup, django_db_blocker):
    """A ``replica`` alias mirroring the test database, for this module only."""
    default = connections["default"].settings_dict
    mirror = copy.deepcopy(default)
    mirror["TEST"] = {**mirror.get("TEST", {}), "MIRROR": "default"}
    connections.settings[replica.REPLICA] = mirror
    try:
        yield replica.REPLICA
    finally:
        with django_db_blocker.unblock():
            connections[replica.REPLICA].close()
        del connections[replica.REPLICA]
        del connections.settings[replica.REPLICA]


@pytest.fixture
def routed(settings, replica_alias):
    settings.DATABASE_ROUTERS = [ROUTER]
    return replica_alias


def _queries(alias):
    return CaptureQueriesContext(connections[alias])


# --- the router's decisions (no request) ---------------------------------------------------


def test_outside_a_read_only_request_everything_is_on_the_primary(routed):
    router = replica.PrimaryReplicaRouter()
    assert router.db_for_read(Certification) == "default"
    assert router.db_for_write(Certification) == "default"


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_read_only_view_reads_from_the_replica_until_it_writes(routed):
    router = replica.PrimaryReplicaRouter()
    seen = {}

    @replica.read_replica
    def view(request):
        seen["before"] = router.db_for_read(Certification)
        seen["session"] = router.db_for_read(DjangoSession)
        with transaction.atomic():
            seen["in_transaction"] = router.db_for_read(Certification)
        seen["write"] = router.db_for_write(Certification)
        seen["after_write"] = router.db_for_read(Certification)
        return HttpResponse("ok")

    view(RequestFactory().get("/"))
    assert seen == {
        "before": "replica",
        "session": "default",  # a session just created on the primary must not look missing
        "in_transaction": "default",  # a transaction reads its own rows
        "write": "default",
        "after_write": "default",  # the request reads its own writes
    }
    assert router.db_for_read(Certification) == "default"  # the route ends with the view


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_read_only_view_posted_to_stays_on_the_primary(routed):
    router = replica.PrimaryReplicaRouter()
    seen = []

    @replica.read_replica
    def view(request):
        seen.append(router.db_for_read(Certification))
        return HttpResponse("ok")

    view(RequestFactory().post("/"))
    view(RequestFactory().head("/"))
    assert seen == ["default", "replica"]


def test_the_replica_is_never_migrated_and_relations_cross_it(routed):
    router = replica.PrimaryReplicaRouter()
    assert router.allow_migrate("replica", "catalog") is False
    assert router.allow_migrate("default", "catalog") is None
    read, written = Certification(), Certification()
    read._state.db, written._state.db = "replica", "default"
    assert router.allow_relation(read, written) is True


def test_url_names_are_matched_by_prefix(settings):
    settings.READ_REPLICA_URL_NAMES = ["scheduling:session_calendar", "reports:"]
    assert replica.url_name_is_read_only("scheduling:session_calendar")
    assert replica.url_name_is_read_only("reports:export_csv")
    assert not replica.url_name_is_read_only("scheduling:session_manage")
    assert not replica.url_name_is_read_only("registration:register")


# --- through the middleware, with real pages -------------------------------------------------


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_the_public_calendar_reads_from_the_replica(client, routed):
    session = SessionFactory()
    with _queries("default") as primary, _queries("replica") as mirror:
        response = client.get(reverse("scheduling:session_calendar"))
    assert response.status_code == 200
    assert session.subject.name_zh in response.content.decode()
    assert len(mirror.captured_queries) > 0
    assert primary.captured_queries == []


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_page_not_listed_never_touches_the_replica(client, routed):
    user = UserFactory()
    client.force_login(user)
    with _queries("replica") as mirror, _queries("default") as primary:
        response = client.get(reverse("registration:my_registrations"))
    assert response.status_code == 200
    assert mirror.captured_queries == []
    assert len(primary.captured_queries) > 0


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_signed_in_dashboard_reads_its_figures_on_the_replica(staff_login, routed):
    from aicert.accounts.roles import Role
    from tests.factories import person

    client = staff_login(person("admin", Role.FOUNDATION_ADMIN, FoundationFactory()))
    with _queries("default") as primary, _queries("replica") as mirror:
        response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    # Who is signed in is settled by the middleware before the view (on the primary, the
    # session always); the dashboard's own reads are the replica's.
    assert any("django_session" in q["sql"] for q in primary.captured_queries)
    assert all("django_session" not in q["sql"] for q in mirror.captured_queries)
    assert any("reports_reportfact" in q["sql"] for q in mirror.captured_queries)
    assert all("reports_reportfact" not in q["sql"] for q in primary.captured_queries)


@pytest.mark.django_db
def test_inside_a_test_transaction_the_primary_answers_even_on_a_listed_page(client, routed):
    # A TestCase-style test runs in a transaction on the primary: the router keeps every read
    # there, so the rest of the suite never needs the replica.
    SessionFactory()
    with _queries("default") as primary:
        response = client.get(reverse("scheduling:session_calendar"))
    assert response.status_code == 200
    assert len(primary.captured_queries) > 0


# --- settings --------------------------------------------------------------------------------


def _settings_in_child(**env) -> dict:
    code = (
        "import json; from aicert import settings as s; "
        "print(json.dumps({'aliases': sorted(s.DATABASES), "
        "'routers': getattr(s, 'DATABASE_ROUTERS', []), "
        "'test': s.DATABASES.get('replica', {}).get('TEST'), "
        "'cursors': [d.get('DISABLE_SERVER_SIDE_CURSORS', False) for d in s.DATABASES.values()]}))"
    )
    child_env = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
    child_env.update(env)
    out = subprocess.run(
        [sys.executable, "-c", code], env=child_env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_without_a_replica_url_nothing_changes():
    seen = _settings_in_child()
    assert seen == {"aliases": ["default"], "routers": [], "test": None, "cursors": [False]}


def test_a_replica_url_adds_the_alias_its_test_mirror_and_the_router():
    seen = _settings_in_child(
        DATABASE_URL="postgres://aicert@127.0.0.1:5440/aicert",
        DATABASE_REPLICA_URL="postgres://aicert@127.0.0.1:5440/aicert_replica",
        DATABASE_TRANSACTION_POOLING="1",
    )
    assert seen["aliases"] == ["default", "replica"]
    assert seen["routers"] == [ROUTER]
    assert seen["test"] == {"MIRROR": "default"}
    assert seen["cursors"] == [True, True]  # PgBouncer in transaction mode
