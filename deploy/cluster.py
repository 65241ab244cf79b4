"""The production layout on one machine, on loopback: ``scripts/cluster start|stop|status|test``.

::

    nginx :8400 ──┬── gunicorn :8401 ─┐
                  ├── gunicorn :8402 ─┼── PgBouncer :5440 (transaction mode) ──┬── primary :5441
                  └── gunicorn :8403 ─┘        ▲                                │  (WAL stream)
    db_worker ×2 ──────────────────────────────┤                                ▼
    scheduler (lease holder) + standby ────────┘                           replica :5442

Everything lives in ``var/cluster/`` (gitignored): the two PostgreSQL data directories,
generated configuration (``etc/``), pid files (``run/``), logs (``logs/``), the app's own
secrets (``app.env``, generated once) and ``cluster.json`` (ports, URLs, pids) for tools and the
cluster test. The app runs with ``AICERT_ENV=production`` (database task queue, JSON logs,
compressed static files) but over plain HTTP on loopback (no TLS here, so no HSTS or redirect).

PostgreSQL refuses to run as root: as root, its binaries (and PgBouncer) run as the
``postgres`` user through ``runuser``; as anyone else, as that user.
"""

from __future__ import annotations

import argparse
import base64
import glob
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var" / "cluster"
ETC, RUN, LOGS = VAR / "etc", VAR / "run", VAR / "logs"
STATE = VAR / "cluster.json"
APP_ENV = VAR / "app.env"

PGBOUNCER_PORT, PRIMARY_PORT, REPLICA_PORT = 5440, 5441, 5442
NGINX_PORT = 8400
APP_PORTS = (8401, 8402, 8403)
WORKERS = ("worker-1", "worker-2")
SCHEDULERS = ("scheduler-1", "scheduler-2")
DB_NAME, DB_USER = "aicert", "aicert"
GUNICORN_WORKERS = int(os.environ.get("CLUSTER_GUNICORN_WORKERS", "2"))
ROOT_USER = os.geteuid() == 0


_T0 = time.monotonic()


def _log(message: str) -> None:
    print(f"[cluster {time.monotonic() - _T0:5.1f}s] {message}", flush=True)


# --- PostgreSQL and PgBouncer run as postgres --------------------------------------------


def pg_bin(name: str) -> str:
    """A PostgreSQL server binary, from the newest /usr/lib/postgresql/<version>/bin."""
    found = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0,
    )
    if not found:
        raise SystemExit(f"{name} not found: install Debian's postgresql package")
    return found[-1]


def as_postgres(argv: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *argv] if ROOT_USER else argv


def _chown_postgres(path: Path) -> None:
    if ROOT_USER:
        shutil.chown(path, "postgres", "postgres")


def _postgres_can_reach(path: Path) -> bool:
    if not ROOT_USER:
        return True
    probe = subprocess.run(as_postgres(["test", "-w", str(path)]), capture_output=True)
    return probe.returncode == 0


def pg_home() -> Path:
    """Where the database directories live: ``var/cluster/pg``, or, when the postgres user may
    not enter the checkout (a home directory of mode 700), a temporary directory that
    ``var/cluster/pg`` links to."""
    link = VAR / "pg"
    if link.is_symlink() and link.resolve().is_dir():
        return link.resolve()
    link.mkdir(parents=True, exist_ok=True)
    _chown_postgres(link)
    if _postgres_can_reach(link):
        return link
    link.rmdir()
    outside = Path(tempfile.mkdtemp(prefix="aicert-cluster-pg-"))
    _chown_postgres(outside)
    link.symlink_to(outside)
    return outside


def _run(argv: list[str], log: Path | None = None, **kwargs) -> None:
    if log is not None:
        with open(log, "ab") as out:
            subprocess.run(argv, check=True, stdout=out, stderr=out, **kwargs)
    else:
        subprocess.run(argv, check=True, **kwargs)


def _psql(port: int, sql: str, database: str = "postgres") -> str:
    out = subprocess.run(
        as_postgres(
            [pg_bin("psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", database]
            + ["-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql]
        ),
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def _wait_port(port: int, timeout: float = 30) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            s.settimeout(0.5)
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"nothing answers on 127.0.0.1:{port}")


def _postgres_log(filename: str) -> Path:
    """A log file the postgres user writes: in logs/, or beside the database directories
    (linked from logs/) when the postgres user may not enter the checkout."""
    home = pg_home()
    if home == VAR / "pg":
        log = LOGS / filename
    else:
        (home / "logs").mkdir(exist_ok=True)
        _chown_postgres(home / "logs")
        log = home / "logs" / filename
        link = LOGS / filename
        if not link.is_symlink():
            link.unlink(missing_ok=True)
            link.symlink_to(log)
    log.touch()
    _chown_postgres(log)
    return log


def _pg_log(name: str) -> Path:
    return _postgres_log(f"postgres-{name}.log")


def _pg_start(data: Path, port: int, name: str) -> None:
    sockets = pg_home() / "sockets"
    sockets.mkdir(exist_ok=True)
    _chown_postgres(sockets)
    _run(
        as_postgres(
            [pg_bin("pg_ctl"), "-D", str(data), "-l", str(_pg_log(name)), "-w", "-t", "60"]
            + ["-o", f"-p {port} -k {sockets}", "start"]
        ),
        log=LOGS / "cluster.log",
    )


def primary_init() -> None:
    home = pg_home()
    data = home / "primary"
    if (data / "PG_VERSION").exists():
        return
    _log("initdb the primary")
    data.mkdir()
    _chown_postgres(data)
    _run(
        as_postgres(
            [pg_bin("initdb"), "-D", str(data), "-U", "postgres", "--auth=trust"]
            + ["--encoding=UTF8", "--locale=C.UTF-8"]
        ),
        log=LOGS / "cluster.log",
    )
    conf = data / "postgresql.conf"
    with open(conf, "a") as out:
        out.write(
            "\n# aicert loopback cluster\n"
            "listen_addresses = '127.0.0.1'\n"
            # Every server connection in UTC: Django then needs no SET TIME ZONE, a session
            # setting PgBouncer in transaction mode would not carry between transactions.
            "timezone = 'UTC'\n"
            "wal_level = replica\n"
            "max_wal_senders = 5\n"
            "hot_standby = on\n"
            "max_connections = 200\n"
            "shared_buffers = 64MB\n"
            "fsync = on\n"
            "synchronous_commit = on\n"
            "logging_collector = off\n"
        )


def replica_init() -> None:
    home = pg_home()
    data = home / "replica"
    if (data / "PG_VERSION").exists():
        return
    _log("pg_basebackup -R the streaming replica")
    _run(
        as_postgres(
            [pg_bin("pg_basebackup"), "-h", "127.0.0.1", "-p", str(PRIMARY_PORT), "-U", "postgres"]
            + ["-D", str(data), "-R", "-X", "stream", "-c", "fast"]
        ),
        log=LOGS / "cluster.log",
    )


def database_create() -> None:
    exists = _psql(PRIMARY_PORT, f"SELECT 1 FROM pg_roles WHERE rolname = '{DB_USER}'")
    if not exists:
        _psql(PRIMARY_PORT, f"CREATE ROLE {DB_USER} LOGIN")
    exists = _psql(PRIMARY_PORT, f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}'")
    if not exists:
        _psql(PRIMARY_PORT, f"CREATE DATABASE {DB_NAME} OWNER {DB_USER}")


def pgbouncer_config() -> Path:
    home = pg_home()
    directory = home / "pgbouncer"
    directory.mkdir(exist_ok=True)
    _chown_postgres(directory)
    log = _postgres_log("pgbouncer.log")
    (directory / "userlist.txt").write_text(f'"{DB_USER}" ""\n"postgres" ""\n')
    ini = directory / "pgbouncer.ini"
    ini.write_text(
        f"""; generated by scripts/cluster (see deploy/pgbouncer.ini for production)
[databases]
{DB_NAME} = host=127.0.0.1 port={PRIMARY_PORT} dbname={DB_NAME}
{DB_NAME}_replica = host=127.0.0.1 port={REPLICA_PORT} dbname={DB_NAME}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {PGBOUNCER_PORT}
unix_socket_dir = {directory}
auth_type = trust
auth_file = {directory / "userlist.txt"}
pool_mode = transaction
default_pool_size = 20
max_client_conn = 500
server_reset_query =
ignore_startup_parameters = extra_float_digits
admin_users = postgres
stats_users = postgres
logfile = {log}
pidfile = {directory / "pgbouncer.pid"}
"""
    )
    for path in (ini, directory / "userlist.txt"):
        _chown_postgres(path)
    (ETC / "pgbouncer.ini").write_text(ini.read_text())
    return ini


def pgbouncer_start() -> None:
    ini = pgbouncer_config()
    _run(as_postgres(["/usr/sbin/pgbouncer", "-d", str(ini)]), log=LOGS / "cluster.log")
    _wait_port(PGBOUNCER_PORT)


def _pgbouncer_pid() -> int | None:
    pidfile = VAR / "pg" / "pgbouncer" / "pgbouncer.pid"
    try:
        return int(pidfile.read_text().strip())
    except (OSError, ValueError):
        return None


# --- the application ----------------------------------------------------------------------


def app_secrets() -> dict[str, str]:
    """The cluster's own secrets, generated once (kept in var/cluster/app.env, mode 600)."""
    # The certificates' signing key (production refuses to start without one); Django-free.
    from aicert.credentials.signing.multikey import secret_key_generate

    if APP_ENV.exists():
        values = dict(
            line.split("=", 1) for line in APP_ENV.read_text().splitlines() if "=" in line
        )
        if "AICERT_SIGNING_KEY" in values:
            return values
    else:
        values = {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "FIELD_ENCRYPTION_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
            "AICERT_METRICS_TOKEN": secrets.token_urlsafe(24),
        }
    values["AICERT_SIGNING_KEY"] = secret_key_generate()
    APP_ENV.write_text("".join(f"{k}={v}\n" for k, v in values.items()))
    APP_ENV.chmod(0o600)
    return values


def app_env() -> dict[str, str]:
    """The environment every application process of the cluster runs with."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "DJANGO_", "AICERT_", "PROMETHEUS_", "TASKS_"))
    }
    env.update(app_secrets())
    env.update(
        {
            "AICERT_ENV": "production",
            "AICERT_VAR_DIR": str(VAR / "app"),
            "AICERT_SITE_URL": f"http://127.0.0.1:{NGINX_PORT}",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Loopback, plain HTTP: no redirect to HTTPS, no HSTS (production terminates TLS
            # in nginx; see deploy/nginx.conf).
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "DEBUG": "0",
            "DATABASE_URL": f"postgres://{DB_USER}@127.0.0.1:{PGBOUNCER_PORT}/{DB_NAME}",
            "DATABASE_REPLICA_URL": (
                f"postgres://{DB_USER}@127.0.0.1:{PGBOUNCER_PORT}/{DB_NAME}_replica"
            ),
            "DATABASE_TRANSACTION_POOLING": "1",
            "DB_CONN_MAX_AGE": "60",
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            # Our tasks take milliseconds: one claimed 8 s ago by a worker is abandoned.
            "TASKS_RUNNING_STALE_SECONDS": os.environ.get("CLUSTER_TASKS_STALE_SECONDS", "8"),
            "AICERT_LOG_FORMAT": "json",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def _spawn(name: str, argv: list[str], env: dict[str, str]) -> int:
    """Start a long-running process in its own session (one SIGKILL takes its whole group),
    logging to logs/<name>.log; its pid goes to run/<name>.pid."""
    log = open(LOGS / f"{name}.log", "ab")  # noqa: SIM115 (the child keeps it)
    process = subprocess.Popen(
        argv,
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    (RUN / f"{name}.pid").write_text(str(process.pid))
    return process.pid


def web_start(port: int, env: dict[str, str]) -> int:
    server_env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(GUNICORN_WORKERS),
        "PROMETHEUS_MULTIPROC_DIR": str(VAR / "prometheus" / f"web-{port}"),
    }
    return _spawn(
        f"web-{port}",
        [_bin("gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")]
        + ["aicert.wsgi:application"],
        server_env,
    )


def worker_start(name: str, env: dict[str, str]) -> int:
    return _spawn(
        name,
        [_bin("aicert"), "db_worker", "--worker-id", f"cluster-{name}", "--interval", "0.2"]
        + ["--no-reload", "--no-startup-delay", "-v", "1"],
        env,
    )


def scheduler_start(name: str, env: dict[str, str]) -> int:
    return _spawn(name, [_bin("aicert"), "run_periodic"], env)


def http_get(url: str, timeout: float = 5, headers: dict | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_ready(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            status, _ = http_get(f"http://127.0.0.1:{port}/readyz", timeout=2)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"the app server on :{port} is not ready (see var/cluster/logs)")


def nginx_config() -> Path:
    prefix = VAR / "nginx"
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / "tmp" / sub).mkdir(parents=True, exist_ok=True)
        (prefix / "tmp" / sub).chmod(0o777)  # nginx's workers run as nobody
    upstreams = "\n".join(
        f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in APP_PORTS
    )
    conf = ETC / "nginx.conf"
    conf.write_text(
        f"""# generated by scripts/cluster (production: deploy/nginx.conf)
daemon off;
worker_processes 2;
pid {RUN / "nginx.pid"};
error_log {LOGS / "nginx-error.log"} warn;
{"user nobody nogroup;" if ROOT_USER else ""}
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {prefix / "tmp" / "body"};
    proxy_temp_path {prefix / "tmp" / "proxy"};
    fastcgi_temp_path {prefix / "tmp" / "fastcgi"};
    uwsgi_temp_path {prefix / "tmp" / "uwsgi"};
    scgi_temp_path {prefix / "tmp" / "scgi"};
    log_format json escape=json '{{"time":"$time_iso8601","logger":"nginx.access",'
        '"request_id":"$request_id","remote":"$remote_addr","method":"$request_method",'
        '"uri":"$request_uri","status":$status,"upstream":"$upstream_addr",'
        '"upstream_status":"$upstream_status","upstream_bytes_sent":"$upstream_bytes_sent","duration_s":$request_time}}';
    access_log {LOGS / "nginx-access.log"} json;
    client_max_body_size 20m;

    upstream aicert {{
{upstreams}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{NGINX_PORT};
        server_name 127.0.0.1 localhost;
        # Prometheus scrapes each app server directly; /metrics is not for the public.
        location = /metrics {{ return 404; }}
        location / {{
            proxy_pass http://aicert;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Request-ID $request_id;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
            # A dead app server: the request goes to the next one -- but only when that is
            # safe. nginx never resends a POST (or PATCH) once it reached a server (no
            # non_idempotent here); GET, HEAD and the exam player's PUT saves (idempotent by
            # their save number) are resent.
            proxy_next_upstream error timeout http_502 http_503;
            proxy_next_upstream_tries 3;
            proxy_next_upstream_timeout 10s;
        }}
    }}
}}
"""
    )
    return conf


def nginx_start() -> int:
    conf = nginx_config()
    _run(["/usr/sbin/nginx", "-t", "-q", "-p", str(VAR / "nginx"), "-c", str(conf)])
    pid = _spawn("nginx", ["/usr/sbin/nginx", "-p", str(VAR / "nginx"), "-c", str(conf)], {})
    _wait_port(NGINX_PORT)
    return pid


# --- commands -----------------------------------------------------------------------------


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (our own child, not yet reaped) is dead
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def _pid(name: str) -> int | None:
    try:
        return int((RUN / f"{name}.pid").read_text())
    except (OSError, ValueError):
        return None


def _lease_holder(env: dict[str, str]) -> str:
    return _psql(
        PRIMARY_PORT,
        "SELECT holder FROM ops_schedulerlease WHERE name = 'periodic' AND expires_at > now()",
        database=DB_NAME,
    )


def start(args) -> None:
    if STATE.exists() and any(_alive(p) for p in json.loads(STATE.read_text())["pids"].values()):
        raise SystemExit("the cluster is running already: scripts/cluster stop first")
    for directory in (VAR, ETC, RUN, LOGS, VAR / "app", VAR / "prometheus"):
        directory.mkdir(parents=True, exist_ok=True)
    LOGS.chmod(0o755)
    started = time.monotonic()
    env = app_env()
    # Static files first, meanwhile the databases come up (it needs no database; the app
    # servers index them when they boot).
    collectstatic = subprocess.Popen(
        [_bin("aicert"), "collectstatic", "--noinput", "-v", "0"],
        env=env,
        cwd=ROOT,
        stdout=open(LOGS / "collectstatic.log", "ab"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
    )
    primary_init()
    home = pg_home()
    _pg_start(home / "primary", PRIMARY_PORT, "primary")
    database_create()
    replica_init()
    _pg_start(home / "replica", REPLICA_PORT, "replica")
    pgbouncer_start()
    if collectstatic.wait() != 0:
        raise SystemExit("collectstatic failed (logs/collectstatic.log)")
    # The app servers boot while the schema is migrated: each answers /readyz with 503 until
    # every migration is applied (so a load balancer would hold traffic back meanwhile).
    _log("start the app servers; migrate (through PgBouncer)")
    pids: dict[str, int] = {}
    for port in APP_PORTS:
        pids[f"web-{port}"] = web_start(port, env)
    _run([_bin("aicert"), "migrate", "--noinput", "-v", "0"], env=env, log=LOGS / "cluster.log")
    if args.demo:
        _log("seed the demo (development seed, into the cluster's database)")
        demo_env = {**env, "AICERT_ENV": "development", "TASKS_BACKEND": ""}
        demo_env.pop("TASKS_BACKEND")
        _run([_bin("aicert"), "seed_demo"], env=demo_env, log=LOGS / "cluster.log")
    _log("start the workers and the scheduler; wait for the app servers; start nginx")
    for name in WORKERS:
        pids[name] = worker_start(name, env)
    # One scheduler takes the lease; a second (a standby, as on a second machine) must then
    # find it held and do nothing until the first stops.
    pids[SCHEDULERS[0]] = scheduler_start(SCHEDULERS[0], env)
    for port in APP_PORTS:
        wait_ready(port)
    pids["nginx"] = nginx_start()
    deadline = time.monotonic() + 30
    while not _lease_holder(env):
        if time.monotonic() > deadline:
            raise SystemExit("the scheduler did not take its lease (logs/scheduler-1.log)")
        time.sleep(0.3)
    holder = _lease_holder(env)
    pids[SCHEDULERS[1]] = scheduler_start(SCHEDULERS[1], env)
    standby_log = LOGS / f"{SCHEDULERS[1]}.log"
    deadline = time.monotonic() + 30
    while "Another scheduler holds the lease" not in standby_log.read_text(errors="replace"):
        if time.monotonic() > deadline:
            raise SystemExit("the second scheduler did not report the lease as held")
        time.sleep(0.3)
    if _lease_holder(env) != holder:
        raise SystemExit("the second scheduler took the lease from the first")
    _log(f"scheduler lease held by {holder}; the second scheduler waits, running nothing")
    state = {
        "nginx": f"http://127.0.0.1:{NGINX_PORT}",
        "app_servers": {str(p): f"http://127.0.0.1:{p}" for p in APP_PORTS},
        "primary": f"postgres://postgres@127.0.0.1:{PRIMARY_PORT}/{DB_NAME}",
        "replica": f"postgres://postgres@127.0.0.1:{REPLICA_PORT}/{DB_NAME}",
        "pgbouncer": env["DATABASE_URL"],
        "pids": pids,
        "logs": str(LOGS),
        "scheduler_lease_holder": holder,
    }
    STATE.write_text(json.dumps(state, indent=2))
    _log(
        f"up in {time.monotonic() - started:.0f} s: http://127.0.0.1:{NGINX_PORT} "
        f"(state in {STATE.relative_to(ROOT)}, logs in {LOGS.relative_to(ROOT)})"
    )


def _terminate(pid: int, grace: float = 10) -> None:
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if not _alive(pid):
            return
        time.sleep(0.1)
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def stop(args) -> None:
    for pid_file in sorted(RUN.glob("*.pid")):
        pid = _pid(pid_file.stem)
        if pid and _alive(pid):
            _terminate(pid)
        pid_file.unlink(missing_ok=True)
    pgbouncer = _pgbouncer_pid()
    if pgbouncer and _alive(pgbouncer):
        os.kill(pgbouncer, signal.SIGTERM)  # its own pid, from its pid file
        for _ in range(50):
            if not _alive(pgbouncer):
                break
            time.sleep(0.1)
    home = VAR / "pg"
    for name in ("replica", "primary"):
        data = home.resolve() / name  # the postgres user may only reach the link's target
        if (data / "postmaster.pid").exists():
            stopped = subprocess.run(
                as_postgres([pg_bin("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                capture_output=True,
                text=True,
            )
            if stopped.returncode != 0:
                # Never delete the data of a server that may still run.
                raise SystemExit(f"PostgreSQL ({name}) did not stop: {stopped.stderr.strip()}")
    if STATE.exists():
        STATE.unlink()
    if args.purge:
        target = home.resolve() if home.is_symlink() else None
        shutil.rmtree(VAR, ignore_errors=True)
        if target is not None:
            shutil.rmtree(target, ignore_errors=True)
    _log("stopped" + (" and removed var/cluster" if args.purge else ""))


def status(args) -> int:
    if not STATE.exists():
        print("not running")
        return 1
    state = json.loads(STATE.read_text())
    down = 0
    for name, pid in state["pids"].items():
        alive = _alive(pid)
        down += not alive
        print(f"{name:12} pid {pid:<8} {'up' if alive else 'DOWN'}")
    for name, port in (("pgbouncer", PGBOUNCER_PORT), ("primary", PRIMARY_PORT)):
        print(f"{name:12} port {port}")
    try:
        primary_lsn = _psql(PRIMARY_PORT, "SELECT pg_current_wal_lsn()")
        behind = _psql(
            REPLICA_PORT, f"SELECT pg_wal_lsn_diff('{primary_lsn}', pg_last_wal_replay_lsn())"
        )
        print(f"{'replica':12} port {REPLICA_PORT}, {max(0, int(float(behind)))} bytes behind")
        print(f"{'lease':12} {_lease_holder({}) or '(none)'}")
    except subprocess.CalledProcessError as error:
        print(f"database: {error.stderr.strip()}")
        down += 1
    code, body = http_get(f"{state['nginx']}/readyz")
    print(f"{'readyz':12} {code} {body.decode()[:200]}")
    return 0 if down == 0 and code == 200 else 1


def main() -> None:
    parser = argparse.ArgumentParser(prog="scripts/cluster", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p_start = commands.add_parser("start", help="start every process (initdb on first start)")
    p_start.add_argument("--demo", action="store_true", help="also load the demo seed")
    p_stop = commands.add_parser("stop", help="stop every process")
    p_stop.add_argument("--purge", action="store_true", help="and delete var/cluster")
    commands.add_parser("status", help="what runs, replica lag, readiness")
    args = parser.parse_args()
    if args.command == "start":
        try:
            start(args)
        except BaseException:
            _log("start failed: stopping what started (logs in var/cluster/logs)")
            stop(argparse.Namespace(purge=False))
            raise
    elif args.command == "stop":
        stop(args)
    else:
        raise SystemExit(status(args))


if __name__ == "__main__":
    main()
