"""Credentials benchmark (in-process part): signing OpenBadgeCredentials per second and
verifying them (verification.credential_verify, every check) per second.

Seeds the demo (``seed_demo``) into a scratch PostgreSQL database (DATABASE_URL's name +
``_bench_credentials``), then signs ``--n`` credentials round-robin over the demo's standing
certificates and verifies each signed document. Reports medians over ``--repeats`` rounds.
Only 127.0.0.1 is contacted.

NOT YET DONE (see the report): bulk verification rows/s through talent, and the public
/verify/ page under gunicorn.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_certbench \\
        .venv/bin/python bench/bench_credentials.py --n 500
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=500, help="credentials per round")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()

    bench_url, admin_url, name = harness.bench_database_url(
        os.environ.get("DATABASE_URL", ""), "credentials"
    )
    harness.recreate_database(admin_url, name)
    os.environ.update(
        {
            "DATABASE_URL": bench_url,
            "DJANGO_SETTINGS_MODULE": "aicert.settings",
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "LOG_LEVEL": "WARNING",
        }
    )
    try:
        import django

        django.setup()
        from django.core.management import call_command

        from aicert.credentials import openbadge, verification
        from aicert.credentials.models import Certificate, CertificateStatus

        call_command("migrate", verbosity=0)
        t0 = time.perf_counter()
        call_command("seed_demo", verbosity=0)
        print(f"seeded the demo in {time.perf_counter() - t0:.1f} s")
        certificates = list(Certificate.objects.filter(status=CertificateStatus.ACTIVE))
        if not certificates:
            raise SystemExit("the demo has no valid certificate")
        sign_rates, verify_rates = [], []
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            signed = [
                json.dumps(openbadge.credential_signed(certificates[i % len(certificates)]))
                for i in range(args.n)
            ]
            sign_rates.append(args.n / (time.perf_counter() - t0))
            t0 = time.perf_counter()
            reports = [verification.credential_verify(text) for text in signed]
            verify_rates.append(args.n / (time.perf_counter() - t0))
            failed = [r for r in reports if not r.ok]
            if failed:
                raise SystemExit(f"{len(failed)} signed credentials failed verification")
        print(
            f"signing: median {statistics.median(sign_rates):.0f} credentials/s; "
            f"verifying (full check): median {statistics.median(verify_rates):.0f} credentials/s "
            f"({args.n} credentials x {args.repeats} rounds over {len(certificates)} certificates)"
        )
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            harness.recreate_database(admin_url, name, drop_only=True)


if __name__ == "__main__":
    main()
