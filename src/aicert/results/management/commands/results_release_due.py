from django.core.management.base import BaseCommand

from aicert.results.services import result_releases_run_due


class Command(BaseCommand):
    help = "Run the scheduled result releases whose time has come."

    def handle(self, *args, **options):
        ran = result_releases_run_due()
        self.stdout.write(f"{ran} release(s) run")
