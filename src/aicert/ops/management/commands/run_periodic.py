"""``aicert run_periodic [--once] [--job NAME]``: run the periodic jobs of
:mod:`aicert.shared.periodic` when due, in a loop (or each once).

Only one scheduler runs jobs at a time, wherever it is started: each run first takes (or renews)
the scheduler's lease (:func:`aicert.ops.services.scheduler_lease_acquire`); a second scheduler
waits, doing nothing, until the first stops or dies and its lease runs out.
"""

from __future__ import annotations

import os
import signal
import socket
import time
import uuid

from django.core.management.base import BaseCommand, CommandError

from aicert.ops.services import LEASE_SECONDS, scheduler_lease_acquire, scheduler_lease_release
from aicert.shared import periodic

# How often a waiting scheduler asks for the lease again.
WAIT_SECONDS = 15


def _stop(signum, frame):
    raise SystemExit(0)  # through the finally below: the lease is given up at once


class Command(BaseCommand):
    help = "Run the periodic jobs (auto-submit expired attempts, waiting-list offers, ...)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once, then stop.")
        parser.add_argument(
            "--job", action="append", default=[], help="Run only this job (repeatable)."
        )

    def handle(self, *args, once=False, job=(), **options):
        jobs = periodic.PERIODIC_JOBS
        if job:
            known = {j.name for j in jobs}
            unknown = sorted(set(job) - known)
            if unknown:
                raise CommandError(
                    f"Unknown job(s): {', '.join(unknown)}. Known: {', '.join(sorted(known))}."
                )
            jobs = [j for j in jobs if j.name in job]
        holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        signal.signal(signal.SIGTERM, _stop)
        last_run: dict[str, float] = {}
        waiting = False
        try:
            while True:
                if not scheduler_lease_acquire(holder=holder, seconds=LEASE_SECONDS):
                    if once:
                        self.stdout.write("Another scheduler holds the lease: nothing run.")
                        return
                    if not waiting:
                        self.stdout.write("Another scheduler holds the lease: waiting.")
                        waiting = True
                    time.sleep(WAIT_SECONDS)
                    continue
                if waiting:
                    self.stdout.write("Lease taken: running the jobs.")
                    waiting = False
                runs = periodic.run_due(jobs, last_run)
                for run in runs:
                    if run.ok:
                        self.stdout.write(f"{run.job}: {run.result}")
                    else:
                        self.stderr.write(f"{run.job} failed: {run.error}")
                if once:
                    failed = [run.job for run in runs if not run.ok]
                    if failed:
                        raise CommandError(f"Failed: {', '.join(failed)}.")
                    return
                pause = periodic.seconds_until_next(jobs, last_run, time.monotonic())
                # Renew well before the lease runs out, even when no job is due for a while.
                time.sleep(min(pause, LEASE_SECONDS / 3))
        finally:
            scheduler_lease_release(holder=holder)
