"""``aicert marking_assign``: give every written answer awaiting marks its two markers."""

from django.core.management.base import BaseCommand

from aicert.scoring import services


class Command(BaseCommand):
    help = "Assign two markers (by load) to every constructed response still awaiting marks."

    def handle(self, *args, **options):
        created = services.marking_assign_pending()
        self.stdout.write(f"{created} marking task(s) assigned.")
