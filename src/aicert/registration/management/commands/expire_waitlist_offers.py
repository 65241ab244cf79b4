from django.core.management.base import BaseCommand

from aicert.registration.services import waitlist_expire_offers


class Command(BaseCommand):
    help = "Pass expired waiting-list offers to the next candidate (run every few minutes)."

    def handle(self, *args, **options):
        expired = waitlist_expire_offers()
        self.stdout.write(f"{expired} expired offer(s) passed on.")
