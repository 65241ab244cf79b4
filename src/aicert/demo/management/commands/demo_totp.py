from django.core.management.base import BaseCommand, CommandError

from aicert.demo.seed import demo_totp_code


class Command(BaseCommand):
    help = "Print the current authenticator code of a demo staff account (demo only)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        try:
            self.stdout.write(demo_totp_code(email))
        except ValueError as error:
            raise CommandError(str(error)) from error
