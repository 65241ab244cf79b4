from django.core.management.base import BaseCommand

from aicert.reports.services import facts_refresh


class Command(BaseCommand):
    help = "Rebuild the pre-aggregated report facts."

    def handle(self, *args, **options):
        self.stdout.write(str(facts_refresh()))
