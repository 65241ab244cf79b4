"""Health, readiness and metrics endpoints; request ids; JSON logs."""

from __future__ import annotations

import json
import logging

import pytest
from django.db import DatabaseError

from aicert.ops import selectors


def test_liveness_needs_no_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readiness_checks_the_database_and_migrations(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert {c["name"] for c in body["checks"]} == {"database:default", "migrations"}


@pytest.mark.django_db
def test_readiness_fails_when_the_database_does_not_answer(client, monkeypatch):
    def broken(alias):
        return selectors.Check(f"database:{alias}", False, DatabaseError.__name__)

    monkeypatch.setattr(selectors, "_database_check", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == [
        {"name": "database:default", "ok": False, "detail": "DatabaseError"}
    ]


@pytest.mark.django_db
def test_metrics_count_requests_and_saves(client, settings):
    settings.AICERT_METRICS_TOKEN = ""
    client.get("/healthz")
    body = client.get("/metrics", REMOTE_ADDR="127.0.0.1").content.decode()
    assert (
        'aicert_http_request_duration_seconds_count{method="GET",route="healthz",status="200"}'
        in body
    )
    assert "aicert_answer_saves_total" in body
    assert "aicert_task_queue_depth" not in body  # tasks run at once here: no queue to measure


@pytest.mark.django_db
def test_metrics_need_the_token_or_this_machine(client, settings):
    settings.AICERT_METRICS_TOKEN = ""
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 403
    settings.AICERT_METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token").status_code == 200


@pytest.mark.django_db
def test_task_queue_depth_counts_waiting_tasks(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django.utils import timezone

    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="aicert.results.tasks.result_releases_run_due_task",
        backend_name="default",
        run_after=timezone.now(),
        queue_name="default",
        priority=0,
    )
    assert selectors.task_queue_depth() == 1


def test_every_response_carries_a_request_id(client):
    given = client.get("/healthz", HTTP_X_REQUEST_ID="abc12345-from-nginx")
    assert given["X-Request-ID"] == "abc12345-from-nginx"
    made = client.get("/healthz", HTTP_X_REQUEST_ID="bad id with spaces")
    assert len(made["X-Request-ID"]) == 32 and made["X-Request-ID"] != "bad id with spaces"


def test_json_log_lines_carry_the_request_id(settings):
    from pythonjsonlogger.json import JsonFormatter

    from aicert.ops.middleware import RequestIdLogFilter, request_id_var

    formatter = JsonFormatter(
        **{k: v for k, v in settings.LOGGING["formatters"]["json"].items() if k != "()"}
    )
    record = logging.LogRecord(
        "aicert.test", logging.WARNING, __file__, 1, "seat %s", ("A3",), None
    )
    token = request_id_var.set("req-000111")
    try:
        RequestIdLogFilter().filter(record)
    finally:
        request_id_var.reset(token)
    line = json.loads(formatter.format(record))
    assert line["message"] == "seat A3" and line["request_id"] == "req-000111"
    assert line["level"] == "WARNING" and line["logger"] == "aicert.test"
