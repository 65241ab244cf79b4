from django.core.management.base import BaseCommand

from aicert.credentials.services import certificates_issue_missing


class Command(BaseCommand):
    help = (
        "Issue a certificate for every level achievement that has none (achievements recorded "
        "before certificates existed). Safe to run again: it issues each one once."
    )

    def handle(self, *args, **options):
        issued = certificates_issue_missing()
        self.stdout.write(f"{issued} certificate(s) issued")
