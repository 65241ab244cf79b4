"""``aicert seed_marking_demo``: a past demo sitting whose written answers await the demo markers."""

from django.core.management.base import BaseCommand

from aicert.demo.marking_seed import marking_demo_queue


class Command(BaseCommand):
    help = (
        "Queue written answers of a past demo sitting for the demo markers (run after seed_demo)."
    )

    def handle(self, *args, **options):
        result = marking_demo_queue()
        self.stdout.write(
            f"{result['sat']} attempt(s) sat now; {result['assigned']} marking task(s) assigned; "
            f"{result['awaiting']} written answer(s) awaiting marks."
        )
