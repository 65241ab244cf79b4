"""Credentials benchmark: signing and verifying credentials in-process, bulk verification rows/s
through the upload's own service and task, and the public verification pages over HTTP under
gunicorn on PostgreSQL.

Run (PostgreSQL required; the benchmark makes and drops its own database beside DATABASE_URL's,
``<db>_bench_credentials``; gunicorn comes from ``scripts/install bench``):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_credbench2 \\
        .venv/bin/python bench/bench_credentials.py [--repeats 3] [--sections sign,bulk,http]

1. migrates, seeds the demo (``seed_demo``) and adds ``--holders`` certificates of bench
   holders (bulk-inserted: one holder each, 5 % revoked, random free status-list entries), so
   that a 10,000-row file names 10,000 distinct certificates, as a real employer's would;
2. **sign**: signs ``--n`` OpenBadgeCredentials round-robin over the demo's standing
   certificates and verifies each (``verification.credential_verify``, every check);
3. **bulk**: for each of ``--bulk-sizes`` builds a CSV (85 % valid rows, 5 % revoked, 5 % a
   well-formed number that is no certificate, 5 % the wrong name) and times what an upload
   does after the request arrives: ``bulkfile.parse`` -> ``services.bulk_verification_create``
   -> the task (``tasks.bulk_verification_run``, the immediate backend runs it on commit, as the
   DB worker would) until the row results are saved; rows/s;
4. **http**: gunicorn (``--workers`` sync workers), ``--clients`` client threads send
   ``--requests`` requests each round to (a) ``GET /verify/?number=…&name=…`` over the bench
   certificates and (b) ``POST /verify/credential/`` with a pasted signed credential; reports
   requests/s and p50/p99 latency. The per-address look-up limit is lifted for the server
   (``CREDENTIALS_VERIFY_LIMIT``), or every client past the 30th request would get a 429.

Every figure is the median of ``--repeats`` rounds. Only 127.0.0.1 is contacted. The client
threads run on the same machine as the server and the database, so the HTTP figures are a
floor for what a separate web host would do.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import http.client
import io
import json
import os
import random
import secrets
import statistics
import string
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402

_CSRF_CHARS = string.ascii_letters + string.digits
SERIAL_BASE = 5_000_000  # bench certificates' serials: far from the demo's
BENCH_YEAR = 2025
# What a page that answered shows (credentials/verify.html, credentials/verify_json.html).
FOUND = b'id="verify-badge"'
PASSED = b'data-ok="true"'


def add_bench_certificates(count: int) -> list[tuple[str, str, str]]:
    """Bulk-insert ``count`` certificates of new holders; returns (number, name, status)."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from aicert.accounts.models import User
    from aicert.catalog.models import Level
    from aicert.credentials import numbering
    from aicert.credentials.models import STATUS_LIST_SIZE, Certificate, CertificateStatus

    level = Level.objects.order_by("pk").first()
    if level is None:
        raise SystemExit("the demo has no level")
    password = make_password(None)
    users = User.objects.bulk_create(
        [
            User(email=f"holder{i}@bench.example", password=password, display_name=f"持證人{i}")
            for i in range(count)
        ],
        batch_size=2000,
    )
    used = set(
        Certificate.objects.filter(status_list_number=1).values_list("status_list_index", flat=True)
    )
    free = [i for i in range(STATUS_LIST_SIZE) if i not in used]
    indices = random.Random(11).sample(free, count)
    today = timezone.localdate()
    now = timezone.now()
    rows, out = [], []
    for i, (user, index) in enumerate(zip(users, indices, strict=True)):
        number = numbering.certificate_number(year=BENCH_YEAR, serial=SERIAL_BASE + i)
        status = CertificateStatus.REVOKED if i % 20 == 0 else CertificateStatus.ACTIVE
        name_zh, name_en = f"測試員{i}", f"Bench Holder {i}"
        rows.append(
            Certificate(
                number=number,
                holder=user,
                holder_name_zh=name_zh,
                holder_name_en=name_en,
                level=level,
                status=status,
                issued_on=today - dt.timedelta(days=30),
                valid_from=today - dt.timedelta(days=30),
                expires_on=today + dt.timedelta(days=3 * 365),
                status_changed_at=now,
                basis="bench",
                status_list_number=1,
                status_list_index=index,
            )
        )
        out.append((number, name_zh if i % 2 else name_en, status))
    Certificate.objects.bulk_create(rows, batch_size=2000)
    return out


def bench_certificates_kept() -> list[tuple[str, str, str]]:
    """The bench certificates of a kept database, as :func:`add_bench_certificates` made them."""
    from aicert.credentials.models import Certificate

    rows = Certificate.objects.filter(basis="bench").order_by("number")
    return [
        (c.number, c.holder_name_zh if i % 2 else c.holder_name_en, c.status)
        for i, c in enumerate(rows.only("number", "holder_name_zh", "holder_name_en", "status"))
    ]


def bulk_csv(certificates: list[tuple[str, str, str]], size: int, seed: int) -> bytes:
    """``size`` rows: mostly valid, some revoked, some unknown numbers, some wrong names."""
    from aicert.credentials import numbering

    rng = random.Random(seed)
    valid = [c for c in certificates if c[2] == "active"]
    revoked = [c for c in certificates if c[2] == "revoked"]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["證書號碼", "姓名"])
    for i in range(size):
        kind = i % 20
        if kind == 0:
            number, name, _ = rng.choice(revoked)
        elif kind == 1:  # well-formed, no such certificate
            number = numbering.certificate_number(year=BENCH_YEAR, serial=9_000_000 + i)
            name = "無此人"
        elif kind == 2:
            number, _, _ = rng.choice(valid)
            name = "錯的名字"
        else:
            number, name, _ = valid[(seed * 7919 + i) % len(valid)]
        writer.writerow([number, name])
    return out.getvalue().encode("utf-8")


def bench_bulk(certificates, sizes: list[int], repeats: int) -> None:
    from aicert.accounts.models import Organisation, User
    from aicert.talent import bulkfile, selectors, services
    from aicert.talent.models import BulkStatus, BulkVerification

    recruiter = User.objects.get(email="employer@aicert.example")
    organisation = Organisation.objects.get(slug="demo-employer")
    for size in sizes:
        rates, seconds = [], []
        for round_ in range(repeats):
            data = bulk_csv(certificates, size, seed=round_ + 1)
            t0 = time.perf_counter()
            parsed = bulkfile.parse(data, "bench.csv")
            bulk = services.bulk_verification_create(
                actor=recruiter, organisation=organisation, filename="bench.csv", parsed=parsed
            )
            elapsed = time.perf_counter() - t0
            bulk = BulkVerification.objects.get(pk=bulk.pk)
            if bulk.status != BulkStatus.DONE or bulk.processed_rows != size:
                raise SystemExit(
                    f"bulk verification of {size} rows ended {bulk.status} "
                    f"at {bulk.processed_rows} rows (is TASKS_BACKEND the immediate one?)"
                )
            counts = Counter(r["status"] for r in selectors.bulk_results(bulk))
            seconds.append(elapsed)
            rates.append(size / elapsed)
        print(
            f"bulk verification, {size:,} rows (CSV parse + create + task to saved results): "
            f"median {statistics.median(rates):,.0f} rows/s = "
            f"{statistics.median(seconds):.2f} s per file; rounds "
            + ", ".join(f"{r:,.0f}" for r in rates)
            + f" rows/s; last file's results {dict(sorted(counts.items()))}"
        )


def bench_sign(n: int, repeats: int) -> list[str]:
    """Sign and verify in-process; returns some signed credentials for the HTTP part."""
    from aicert.credentials import openbadge, verification
    from aicert.credentials.models import Certificate, CertificateStatus

    certificates = list(
        Certificate.objects.filter(status=CertificateStatus.ACTIVE)
        .exclude(basis="bench")
        .select_related("level__certification", "holder", "level__pass_rule")
    )
    if not certificates:
        raise SystemExit("the demo has no valid certificate")
    sign_rates, verify_rates = [], []
    signed: list[str] = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        signed = [
            json.dumps(openbadge.credential_signed(certificates[i % len(certificates)]))
            for i in range(n)
        ]
        sign_rates.append(n / (time.perf_counter() - t0))
        t0 = time.perf_counter()
        reports = [verification.credential_verify(text) for text in signed]
        verify_rates.append(n / (time.perf_counter() - t0))
        failed = [r for r in reports if not r.ok]
        if failed:
            raise SystemExit(f"{len(failed)} signed credentials failed verification")
    print(
        f"signing: median {statistics.median(sign_rates):.0f} credentials/s; "
        f"verifying (full check): median {statistics.median(verify_rates):.0f} credentials/s "
        f"({n} credentials x {repeats} rounds over {len(certificates)} certificates)"
    )
    return signed[: len(certificates)]


def hammer(
    *, port: int, requests: list[tuple[str, str, bytes | None, dict]], clients: int, expect: bytes
):
    """Send ``requests`` (method, path, body, headers) from ``clients`` threads, each on its own
    keep-alive connection; returns (latencies of answered requests, statuses, wall seconds).
    A 200 whose body lacks ``expect`` counts as status "200-wrong" (an error page is no result)."""
    latencies: list[float] = []
    statuses: Counter = Counter()
    lock = threading.Lock()
    share = [requests[i::clients] for i in range(clients)]

    def client(mine) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        for method, path, body, headers in mine:
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers={"Host": "127.0.0.1", **headers})
                response = conn.getresponse()
                body = response.read()
                status = response.status
                if status == 200 and expect not in body:
                    status = "200-wrong"
            except (OSError, http.client.HTTPException):
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                status = 0
            elapsed = time.perf_counter() - started
            with lock:
                statuses[status] += 1
                if status > 0:
                    latencies.append(elapsed)

    wall = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(client, share))
    return latencies, statuses, time.perf_counter() - wall


def bench_http(
    *, env: dict, certificates, signed: list[str], workers: int, clients: int, count: int,
    repeats: int, port: int = 0,
) -> None:  # fmt: skip
    csrf = "".join(secrets.choice(_CSRF_CHARS) for _ in range(32))
    rng = random.Random(3)
    by_number = [
        (
            "GET",
            "/verify/?" + urlencode({"number": number, "name": name}),
            None,
            {},
        )
        for number, name, _ in rng.sample(certificates, min(count, len(certificates)))
    ]
    by_number = (by_number * (count // len(by_number) + 1))[:count]
    post_headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={csrf}",
        "X-CSRFToken": csrf,
    }
    by_json = [
        ("POST", "/verify/credential/", urlencode({"credential": text}).encode(), post_headers)
        for text in signed
    ]
    by_json = (by_json * (count // len(by_json) + 1))[:count]
    port = port or harness.free_port()
    server = harness.gunicorn_start(port=port, workers=workers, env=env)
    try:
        # One warm-up pass per page, so that each worker has imported and connected.
        hammer(port=port, requests=by_number[: 4 * workers], clients=workers, expect=b"")
        hammer(port=port, requests=by_json[: 4 * workers], clients=workers, expect=b"")
        for label, requests, expect, meaning in (
            ("GET /verify/ (number + holder name)", by_number, FOUND, "certificate shown"),
            ("POST /verify/credential/ (pasted JSON)", by_json, PASSED, "all checks passed"),
        ):
            rates, p50s, p99s = [], [], []
            for _ in range(repeats):
                latencies, statuses, wall = hammer(
                    port=port, requests=requests, clients=clients, expect=expect
                )
                if set(statuses) != {200}:
                    raise SystemExit(f"{label}: HTTP statuses {dict(statuses)} (expected only 200)")
                rates.append(len(latencies) / wall)
                p50s.append(1000 * harness.percentile(latencies, 0.5))
                p99s.append(1000 * harness.percentile(latencies, 0.99))
            print(
                f"{label}: median {statistics.median(rates):.0f} req/s, "
                f"p50 {statistics.median(p50s):.0f} ms, p99 {statistics.median(p99s):.0f} ms "
                f"({count} requests x {repeats} rounds, {clients} clients, gunicorn {workers} "
                f"sync workers; rounds {', '.join(f'{r:.0f}' for r in rates)} req/s; "
                f"all 200 with {meaning})"
            )
    finally:
        harness.stop(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=500, help="credentials signed per round")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--holders", type=int, default=10_000, help="bench certificates")
    parser.add_argument("--bulk-sizes", default="1000,10000")
    parser.add_argument("--requests", type=int, default=2000, help="HTTP requests per round")
    parser.add_argument("--clients", type=int, default=16, help="HTTP client threads")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument(
        "--port", type=int, default=0, help="gunicorn's port on 127.0.0.1 (default: a free one)"
    )
    parser.add_argument("--sections", default="sign,bulk,http")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the bench database")
    parser.add_argument(
        "--reuse-db",
        action="store_true",
        help="use a database kept by --keep-db as it is (seeding the demo takes minutes)",
    )
    args = parser.parse_args()
    sections = set(args.sections.split(","))
    sizes = [int(s) for s in args.bulk_sizes.split(",") if s]
    if max(sizes, default=0) > args.holders:
        raise SystemExit("--holders must be at least the largest bulk size")

    bench_url, admin_url, name = harness.bench_database_url(
        os.environ.get("DATABASE_URL", ""), "credentials"
    )
    if not args.reuse_db:
        harness.recreate_database(admin_url, name)
    env = {
        **os.environ,
        "DATABASE_URL": bench_url,
        "DJANGO_SETTINGS_MODULE": "aicert.settings",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DB_CONN_MAX_AGE": "60",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
        # The benchmark runs the task in the upload's process, as the immediate backend does.
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "CREDENTIALS_VERIFY_LIMIT": str(10**9),
    }
    os.environ.update(env)
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        certificates = bench_certificates_kept() if args.reuse_db else []
        if len(certificates) < max(sizes, default=0):
            t0 = time.perf_counter()
            call_command("seed_demo", verbosity=0)
            certificates = add_bench_certificates(args.holders)
            print(
                f"seeded the demo and {args.holders:,} bench certificates in "
                f"{time.perf_counter() - t0:.1f} s"
            )
        signed = bench_sign(args.n if "sign" in sections else 20, args.repeats)
        if "bulk" in sections:
            bench_bulk(certificates, sizes, args.repeats)
        if "http" in sections:
            from django.db import connections

            connections.close_all()
            bench_http(
                env=env,
                certificates=certificates,
                signed=signed,
                workers=args.workers,
                clients=args.clients,
                count=args.requests,
                repeats=args.repeats,
                port=args.port,
            )
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            harness.recreate_database(admin_url, name, drop_only=True)


if __name__ == "__main__":
    main()
