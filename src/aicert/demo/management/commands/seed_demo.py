from django.core.management.base import BaseCommand

from aicert.demo.seed import demo_seed


class Command(BaseCommand):
    help = "Create or refresh the demo data (idempotent)."

    def handle(self, *args, **options):
        counts = demo_seed(sitting=True, history=True)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {counts}"))
