"""A real application server for reliability tests: gunicorn on a scratch database.

``python -m tests.browser.exam_server build`` (run with ``DATABASE_URL`` set to the scratch
database) migrates it and writes one checked-in candidate with an authorised attempt on a form of
one item of every type; it prints what the test needs as JSON. :class:`Gunicorn` starts the app
on a free port in its own process group, so the test can SIGKILL the whole server at once.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ScratchDatabase:
    """A database of its own beside the test database: a SQLite file, or a PostgreSQL database
    named after ``DATABASE_URL``'s when the tests run on PostgreSQL (dropped afterwards)."""

    def __init__(self, tmp_path: Path):
        base = os.environ.get("DATABASE_URL", "")
        parts = urlsplit(base)
        self.postgres = parts.scheme in ("postgres", "postgresql")
        if self.postgres:
            self.name = f"{parts.path.lstrip('/') or 'postgres'}_crash_{os.getpid()}"
            self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
            self.admin_url = urlunsplit(parts._replace(path="/postgres"))
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self._admin(f'CREATE DATABASE "{self.name}"')
        else:
            self.url = f"sqlite:///{tmp_path / 'exam.sqlite3'}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Read the scratch database directly (not through the server under test)."""
        if self.postgres:
            import psycopg

            with psycopg.connect(self.url) as conn:
                return list(conn.execute(sql.replace("?", "%s"), params).fetchall())
        import sqlite3

        path = self.url.removeprefix("sqlite:///")
        conn = sqlite3.connect(path, timeout=20)
        try:
            return list(conn.execute(sql, params).fetchall())
        finally:
            conn.close()

    def drop(self) -> None:
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def server_env(database_url: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "aicert.settings",
        "AICERT_ENV": "development",
        # DEBUG serves the player's script and styles straight from the apps (no collectstatic).
        "DEBUG": "1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def build_world(database_url: str) -> dict:
    """Migrate the scratch database and write the sitting (in a child process)."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.browser.exam_server", "build"],
        env=server_env(database_url),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        raise RuntimeError(f"building the world failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


class Gunicorn:
    """The app under gunicorn (sync workers) on 127.0.0.1:``port``."""

    def __init__(self, database_url: str, port: int, workers: int = 2, log: Path | None = None):
        self.env = server_env(database_url)
        self.port = port
        self.workers = workers
        self.log = log
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> None:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        output = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "aicert.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
            ],
            env=self.env,
            cwd=ROOT,
            stdout=output,
            stderr=output,
            start_new_session=True,  # its own process group: one SIGKILL takes every worker
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/")
                if conn.getresponse().status < 500:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not answer in time")

    def kill(self) -> None:
        """SIGKILL the master and every worker at once: no cleanup, no graceful shutdown."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)
        self.process = None

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            self.kill()
        self.process = None


def _build() -> dict:
    import datetime as dt
    from decimal import Decimal

    import django

    django.setup()
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.utils import timezone

    from aicert.accounts.roles import Role
    from aicert.delivery import services
    from aicert.delivery.models import FormItem
    from tests.factories import (
        CONTENT,
        CompetencyDomainFactory,
        FoundationFactory,
        ItemVersionFactory,
        RegistrationFactory,
        RoomFactory,
        SessionFactory,
        UserFactory,
        form_of,
        form_publish,
        person,
        planner_subject,
        roster,
    )

    call_command("migrate", verbosity=0)
    foundation = FoundationFactory()
    subject = planner_subject(foundation, duration_minutes=60, item_count=8)
    domain = CompetencyDomainFactory(
        certification=subject.level.certification,
        code="1.1",
        name_zh="機器學習",
        name_en="Machine learning",
    )
    writer = UserFactory(email="writer@example.org")
    psychometrician = person("psychometrician", Role.PSYCHOMETRICIAN, foundation)
    room = RoomFactory()
    invigilator = person("invigilator", Role.INVIGILATOR, room.venue.center.organisation)
    candidate = UserFactory(email="candidate@example.org", display_name="考生")
    versions = [
        ItemVersionFactory(
            item__subject=subject,
            item__domain=domain,
            item__author=writer,
            item_type=item_type,
            content_zh=content,
        )
        for item_type, content in CONTENT.items()
    ]
    form = form_of(versions, subject=subject, code="foundations-001", created_by=psychometrician)
    form = form_publish(form, actor=psychometrician)
    session = SessionFactory(
        subject=subject, room=room, starts_at=timezone.now() - dt.timedelta(minutes=5)
    )
    registration = RegistrationFactory(candidate=candidate, session=session, checked_in=True)
    roster(invigilator, session)  # invigilators act only in the sessions they are rostered for
    attempt = services.attempt_authorize(actor=invigilator, registration=registration, form=form)
    store = SessionStore()
    store.update(
        {
            "_auth_user_id": str(candidate.pk),
            "_auth_user_backend": "aicert.accounts.backends.AuthenticationBackend",
            "_auth_user_hash": candidate.get_session_auth_hash(),
        }
    )
    store.create()
    assert Decimal(1) == FormItem.objects.filter(form=form).first().points
    return {"attempt": attempt.pk, "session_cookie": store.session_key}


if __name__ == "__main__":
    if sys.argv[1:] == ["build"]:
        print(json.dumps(_build()))
    else:
        raise SystemExit("usage: python -m tests.browser.exam_server build")
