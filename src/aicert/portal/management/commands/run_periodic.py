"""``aicert run_periodic [--once] [--job NAME]``: run the periodic jobs of
:mod:`aicert.shared.periodic` when due, in a loop (or each once)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from aicert.shared import periodic


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
        last_run: dict[str, float] = {}
        while True:
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
            time.sleep(periodic.seconds_until_next(jobs, last_run, time.monotonic()))
