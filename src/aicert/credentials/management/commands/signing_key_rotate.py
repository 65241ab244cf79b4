"""``aicert signing_key_rotate``: a new credential signing key becomes current; the old one
stays published, so credentials it signed still verify."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from aicert.credentials import keys


class Command(BaseCommand):
    help = "Generate a new credential signing key into AICERT_SIGNING_KEY_FILE and make it current."

    def handle(self, *args, **options):
        try:
            key = keys.signing_key_rotate(actor=None)
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None
        retired = [k.kid for k in keys.signing_keys_published() if k.retired_at is not None]
        self.stdout.write(f"Current signing key: {keys.verification_method_of(key.kid)}")
        self.stdout.write(f"Still published (retired): {len(retired)}")
