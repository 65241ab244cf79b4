"""``aicert attempts_auto_submit``: end every attempt whose time and grace period have run out."""

from django.core.management.base import BaseCommand

from aicert.delivery import services


class Command(BaseCommand):
    help = "Auto-submit attempts past their deadline plus the grace period for in-flight saves."

    def handle(self, *args, **options):
        ended = services.attempts_auto_submit_expired()
        self.stdout.write(f"{ended} attempt(s) auto-submitted.")
