from django.core.management.base import BaseCommand

from aicert.payments.services import payment_deadlines_enforce


class Command(BaseCommand):
    help = "Cancel registrations unpaid by their payment deadline (run hourly); seats go to the waiting list."

    def handle(self, *args, **options):
        expired = payment_deadlines_enforce()
        self.stdout.write(f"{expired} unpaid registration(s) released.")
