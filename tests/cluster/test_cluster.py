"""The production layout under fire: an exam sitting and a registration rush through nginx while
one app server and one task worker are SIGKILLed.

``scripts/cluster start`` brings up nginx, three gunicorn servers, PgBouncer in transaction mode,
a PostgreSQL primary with a streaming replica, two ``db_worker`` processes and two schedulers
(one holds the lease, the other must do nothing). Candidates' exam players save their answers
over HTTP (the player's protocol: batches of queued saves, resent until acknowledged) and a crowd
registers for one session. Mid-way app server 8402 (its master and workers) and worker-1 (while
it holds a task) are killed. Then: every acknowledged save and registration is on the primary,
every sitting is handed in and scored, the replica has caught up, every task ran (the killed
worker's task was queued again and done by the other), and /metrics showed the load.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.cluster.world import answer

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy"))
import cluster  # noqa: E402  (deploy/cluster.py: ports, pids, the app's environment)

pytestmark = [pytest.mark.cluster]

SITTERS, RUSHERS, SEATS = 6, 60, 40
ROUNDS = 24  # answer changes per candidate, in batches
KILLED_SERVER = 8402


def _tools_missing() -> list[str]:
    missing = [p for p in ("/usr/sbin/nginx", "/usr/sbin/pgbouncer") if not Path(p).exists()]
    try:
        cluster.pg_bin("initdb")
    except SystemExit:
        missing.append("postgresql")
    return missing


@pytest.fixture(scope="module")
def running():
    missing = _tools_missing()
    can_install = os.geteuid() == 0 or shutil.which("sudo")
    if missing and not can_install and not os.environ.get("CI"):
        pytest.skip(f"the cluster needs {', '.join(missing)} and this user cannot install them")
    script = str(ROOT / "scripts" / "cluster")
    subprocess.run([script, "stop", "--purge"], cwd=ROOT, capture_output=True)
    started = subprocess.run([script, "start"], cwd=ROOT, capture_output=True, text=True)
    try:
        assert started.returncode == 0, f"cluster start failed:\n{started.stdout}\n{started.stderr}"
        yield json.loads(cluster.STATE.read_text())
    finally:
        stopped = subprocess.run([script, "stop", "--purge"], cwd=ROOT, capture_output=True)
        assert stopped.returncode == 0


# --- plumbing ----------------------------------------------------------------------------


def _request(method, path, *, who, body=None, headers=None, port=cluster.NGINX_PORT):
    """One request through nginx; (status, body bytes, headers) or (0, b"", {}) on no answer."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    all_headers = {
        "Host": "127.0.0.1",
        "Cookie": f"sessionid={who['cookie']}; csrftoken={who['csrf']}",
        "X-CSRFToken": who["csrf"],
        **(headers or {}),
    }
    try:
        conn.request(method, path, body=body, headers=all_headers)
        response = conn.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    except (OSError, http.client.HTTPException):
        return 0, b"", {}
    finally:
        conn.close()


def _json(method, path, who, payload=None, device=""):
    body = None if payload is None else json.dumps(payload)
    status, data, _ = _request(
        method,
        path,
        who=who,
        body=body,
        headers={"Content-Type": "application/json", "X-Exam-Device": device},
    )
    try:
        return status, json.loads(data) if data else None
    except ValueError:
        return status, None


def _primary(sql, params=()):
    import psycopg

    with psycopg.connect(cluster_url("primary")) as conn:
        return list(conn.execute(sql, params).fetchall())


def _replica(sql, params=(), database=None):
    import psycopg

    url = cluster_url("replica")
    if database:
        url = url.rsplit("/", 1)[0] + f"/{database}"
    with psycopg.connect(url) as conn:
        return list(conn.execute(sql, params).fetchall())


def cluster_url(name: str) -> str:
    return json.loads(cluster.STATE.read_text())[name]


def _metrics(port: int) -> dict[str, float]:
    """The figures of one app server's /metrics (summed over label sets)."""
    token = cluster.app_secrets()["AICERT_METRICS_TOKEN"]
    status, body = cluster.http_get(
        f"http://127.0.0.1:{port}/metrics", headers={"Authorization": f"Bearer {token}"}
    )
    assert status == 200
    figures: dict[str, float] = {}
    for line in body.decode().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name_labels, value = line.rsplit(" ", 1)
        name = name_labels.split("{", 1)[0]
        if name.endswith("_bucket"):
            le = name_labels.split('le="', 1)[1].split('"', 1)[0]
            name = f"{name}[le={le}]"
        figures[name] = figures.get(name, 0.0) + float(value)
    return figures


class MetricsSampler(threading.Thread):
    """Scrapes the servers that are never killed twice a second while the load runs, as
    Prometheus would: the peak answer saves/s, task queue depth and request count."""

    def __init__(self, ports):
        super().__init__(daemon=True)
        self.ports, self.samples, self.done = ports, [], threading.Event()

    def run(self):
        while not self.done.is_set():
            figures = [_metrics(port) for port in self.ports]
            self.samples.append(
                (
                    time.monotonic(),
                    sum(f.get("aicert_answer_saves_total", 0) for f in figures),
                    max(f.get("aicert_task_queue_depth", 0) for f in figures),
                )
            )
            self.done.wait(0.5)

    def peak_saves_per_second(self) -> float:
        pairs = zip(self.samples, self.samples[1:], strict=False)
        return max(((b[1] - a[1]) / (b[0] - a[0]) for a, b in pairs), default=0.0)

    def peak_queue_depth(self) -> float:
        return max((depth for _, _, depth in self.samples), default=0.0)


# --- the actors ----------------------------------------------------------------------------


class Sitter:
    """A candidate's exam player: claim the computer, start, save in batches, hand in."""

    def __init__(self, data: dict, index: int):
        self.who = data
        self.attempt = data["attempt"]
        self.items = data["items"]  # [(form_item, item_type)]
        self.device = ""
        self.queue: dict[int, tuple[int, object]] = {}  # form_item -> (seq, answer) unsent
        self.acknowledged: dict[int, tuple[int, object]] = {}
        self.sent_last: dict[int, tuple[int, object]] = {}
        self.seq = 0
        self.retries = 0

    def _api(self, method, tail, payload=None):
        return _json(
            method, f"/api/delivery/attempts/{self.attempt}{tail}", self.who, payload, self.device
        )

    def _until_ok(self, method, tail, payload=None, done=None):
        """Resend until answered (the player's back-off); ``done`` says whether an unanswered
        POST had taken effect after all."""
        for attempt in range(40):
            status, data = self._api(method, tail, payload)
            if status == 200:
                return data
            if status and status < 500 and status != 409:
                raise AssertionError(f"{method} {tail}: {status} {data}")
            self.retries += 1
            if done is not None and done():
                return None
            time.sleep(min(0.2 * 2**attempt, 2.0))
        raise AssertionError(f"{method} {tail} never answered")

    def _status(self) -> str:
        status, data = self._api("GET", "/clock")
        return data["status"] if status == 200 and data else ""

    def flush(self) -> None:
        while self.queue:
            batch = [
                {"form_item": item, "seq": seq, "answer": value}
                for item, (seq, value) in sorted(self.queue.items())
            ]
            data = self._until_ok("PUT", "/responses/batch", {"saves": batch})
            for result in data["results"]:
                assert "stored_seq" in result, f"save refused: {result}"
                item, seq = result["form_item"], result["seq"]
                self.acknowledged[item] = (seq, self.sent_last[item][1])
                if self.queue.get(item, (None,))[0] == seq:
                    del self.queue[item]

    def sit(self, progress: threading.Event) -> None:
        # A new computer: the server hands out the key this browser then sends with writes.
        self.device = self._until_ok("POST", "/device", {"key": ""})["key"]
        self._until_ok("POST", "/start", done=lambda: self._status() == "in_progress")
        for k in range(ROUNDS):
            for offset in range(2):  # two answer changes between saves
                item, item_type = self.items[(k + offset) % len(self.items)]
                self.seq += 1
                self.queue[item] = (self.seq, answer(item_type, k + offset))
                self.sent_last[item] = self.queue[item]
            self.flush()
            if k == ROUNDS // 3:
                progress.set()
            time.sleep(0.1)  # a candidate reads the next question
        self._until_ok("POST", "/submit", done=lambda: self._status() == "submitted")


def register(who: dict, session_id: int) -> str:
    """One candidate's 'Register' (with the waiting list), resent while nobody answers: returns
    how it was acknowledged ('registered' on the redirect, 'already' when an earlier try had
    been stored before its answer was lost)."""
    path = f"/registration/sessions/{session_id}/register/"
    for attempt in range(20):
        status, body, headers = _request(
            "POST",
            path,
            who=who,
            body="join_waitlist=on",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        if status == 302:
            assert headers.get("Location", "").endswith("/registration/"), headers
            return "registered"
        if status == 200:  # the form again: an earlier try was stored (already registered)
            return "already"
        assert status in (0, 502, 503, 504), f"registration answered {status}"
        time.sleep(min(0.2 * 2**attempt, 2.0))
    raise AssertionError("registration never answered")


# --- the test ------------------------------------------------------------------------------


def _kill_worker_holding_a_task(pid: int, worker_id: str) -> str | None:
    """SIGKILL the worker while it holds a claimed task when it can be caught at it (frozen
    with SIGSTOP, looked at, then killed); returns that task's id, if any."""
    for _ in range(200):
        os.kill(pid, signal.SIGSTOP)
        held = _primary(
            "SELECT id FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING' "
            "AND worker_ids ? %s",
            (worker_id,),
        )
        if held:
            os.killpg(pid, signal.SIGKILL)
            return str(held[0][0])
        os.kill(pid, signal.SIGCONT)
        time.sleep(0.01)
    os.killpg(pid, signal.SIGKILL)
    return None


def test_cluster_loses_nothing_acknowledged_when_a_server_and_a_worker_die(running):
    started = time.monotonic()
    env = {
        **cluster.app_env(),
        "DJANGO_SETTINGS_MODULE": "aicert.settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
    }
    built = subprocess.run(
        [sys.executable, "-m", "tests.cluster.world", str(SITTERS), str(RUSHERS), str(SEATS)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert built.returncode == 0, built.stderr
    world = json.loads(built.stdout.strip().splitlines()[-1])

    # The second scheduler found the lease held and ran nothing.
    standby = (cluster.LOGS / "scheduler-2.log").read_text().split("\n")
    assert [line for line in standby if line.strip()] == [
        "Another scheduler holds the lease: waiting."
    ]

    # The public calendar is read from the replica (through PgBouncer's replica pool).
    def replica_transactions() -> int:
        return _replica(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'aicert'",
            database="postgres",  # this probe's own transactions are not counted for aicert
        )[0][0]

    read_before = replica_transactions()
    status, page, _ = _request("GET", "/sessions/", who={"cookie": "", "csrf": ""})
    assert status == 200 and "人工智慧基礎概論" in page.decode()
    deadline = time.monotonic() + 10
    while replica_transactions() <= read_before and time.monotonic() < deadline:
        time.sleep(0.2)  # the replica's statistics are flushed within a second or so
    assert replica_transactions() > read_before, "the calendar did not read from the replica"

    before = {port: _metrics(port) for port in cluster.APP_PORTS}
    pids = running["pids"]
    sitters = [Sitter(data, i) for i, data in enumerate(world["sitters"])]
    progress = threading.Event()
    outcomes: dict[int, str] = {}
    sampler = MetricsSampler([p for p in cluster.APP_PORTS if p != KILLED_SERVER])
    sampler.start()
    load_started = time.monotonic()
    with ThreadPoolExecutor(max_workers=SITTERS + 8) as pool:
        sittings = [pool.submit(s.sit, progress) for s in sitters]
        rush = {
            who["user"]: pool.submit(register, who, world["rush_session"])
            for who in world["rushers"]
        }
        # Mid-way: one app server and one task worker die without warning.
        assert progress.wait(60), "the sitting made no progress"
        os.killpg(pids[f"web-{KILLED_SERVER}"], signal.SIGKILL)
        killed_task = _kill_worker_holding_a_task(pids["worker-1"], "cluster-worker-1")
        for future in sittings:
            future.result(timeout=120)
        for user, future in rush.items():
            outcomes[user] = future.result(timeout=120)
    load_seconds = time.monotonic() - load_started
    sampler.done.set()
    sampler.join()

    # Every acknowledged save is on the primary, and the last save of every item is the one
    # stored (nothing older written over it).
    for sitter in sitters:
        stored = {
            item: (seq, value)
            for item, seq, value in _primary(
                "SELECT form_item_id, seq, answer FROM delivery_response WHERE attempt_id = %s",
                (sitter.attempt,),
            )
        }
        for item, (seq, value) in sitter.acknowledged.items():
            assert item in stored and stored[item][0] >= seq, f"lost save {item}#{seq}"
            assert stored[item] == sitter.sent_last[item] == (seq, value)
        status, points, maximum = _primary(
            "SELECT status, score_points, score_max FROM delivery_attempt WHERE id = %s",
            (sitter.attempt,),
        )[0]
        assert status == "submitted" and points is not None and float(maximum) == 5

    # Every acknowledged registration is on the primary; no seat is oversold.
    rows = dict(
        _primary(
            "SELECT candidate_id, status FROM registration_registration WHERE session_id = %s",
            (world["rush_session"],),
        )
    )
    assert set(outcomes) <= set(rows), "an acknowledged registration was lost"
    held = sum(1 for s in rows.values() if s not in ("waitlisted", "cancelled"))
    assert held <= SEATS and held + list(rows.values()).count("waitlisted") == RUSHERS

    # The replica has caught up with everything the primary holds.
    target = _primary("SELECT pg_current_wal_lsn()::text")[0][0]
    deadline = time.monotonic() + 20
    while True:
        (caught_up,) = _replica("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (target,))[0]
        if caught_up or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert caught_up, "the replica did not catch up"
    replica_rows = _replica(
        "SELECT count(*) FROM registration_registration WHERE session_id = %s",
        (world["rush_session"],),
    )[0][0]
    assert replica_rows == len(rows)

    # Every task ran: the killed worker's claimed task was queued again (after
    # TASKS_RUNNING_STALE_SECONDS) and run by the other worker.
    deadline = time.monotonic() + 60
    while True:
        pending = _primary(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE status IN ('READY', 'RUNNING')"
        )[0][0]
        if not pending or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert pending == 0, f"{pending} task(s) never ran"
    statuses = dict(
        _primary("SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status")
    )
    assert statuses.get("FAILED", 0) == 0 and statuses.get("SUCCESSFUL", 0) > 0
    if killed_task is not None:
        assert _primary(
            "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult WHERE id = %s",
            (killed_task,),
        )[0] == ("SUCCESSFUL", ["cluster-worker-1", "cluster-worker-2"])

    # The survivors still serve, and /readyz through nginx says so.
    assert cluster.http_get(f"{running['nginx']}/readyz")[0] == 200
    after = {port: _metrics(port) for port in cluster.APP_PORTS if port != KILLED_SERVER}
    saves = sum(a.get("aicert_answer_saves_total", 0) for a in after.values()) + before[
        KILLED_SERVER
    ].get("aicert_answer_saves_total", 0)
    requests = sum(a.get("aicert_http_request_duration_seconds_count", 0) for a in after.values())
    fast = sum(
        a.get("aicert_http_request_duration_seconds_bucket[le=0.1]", 0) for a in after.values()
    )
    # nginx's access log: requests it sent on to another server when the first one failed. A
    # POST may go on only if the server before never received a byte of it (the killed server's
    # port refused the connection); one that reached a server must never be sent again.
    resent = [
        entry
        for entry in map(json.loads, (cluster.LOGS / "nginx-access.log").read_text().splitlines())
        if "," in entry["upstream"]
    ]
    sent_twice = [
        entry
        for entry in resent
        if entry["method"] == "POST"
        and any(int(n) for n in entry["upstream_bytes_sent"].split(", ")[:-1] if n.isdigit())
    ]
    assert not sent_twice, f"nginx resent a POST a server had received: {sent_twice}"
    print(
        f"\n/metrics snapshot (servers {', '.join(str(p) for p in after)}; {KILLED_SERVER} "
        f"killed): {requests:.0f} requests timed, {fast / max(requests, 1):.0%} under 100 ms; "
        f"answer saves {saves:.0f} in {load_seconds:.1f} s = {saves / load_seconds:.1f} saves/s "
        f"(peak {sampler.peak_saves_per_second():.0f}/s on two servers); task queue depth "
        f"peak {sampler.peak_queue_depth():.0f} ({len(sampler.samples)} scrapes); nginx resent {len(resent)} idempotent "
        f"request(s) to another server; client retries {sum(s.retries for s in sitters)}"
        f"; registrations {list(outcomes.values()).count('registered')} acknowledged at once, "
        f"{list(outcomes.values()).count('already')} on a resend; killed worker's task "
        f"{'requeued and done' if killed_task else 'none held'}; "
        f"whole test {time.monotonic() - started:.0f} s"
    )
    assert requests > 0 and saves > 0 and len(sampler.samples) >= 2
