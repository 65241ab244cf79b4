"""Have simulated candidates sit a published form (demo data for results and item analysis)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from aicert.accounts.models import User
from aicert.accounts.roles import Role
from aicert.analysis.simulation import sitting_simulate
from aicert.delivery.models import Form
from aicert.scheduling.models import Session


class Command(BaseCommand):
    help = "Simulate a sitting of a published form by N candidates (IRT-generated answers)."

    def add_arguments(self, parser):
        parser.add_argument("form", help="code of a published form, e.g. foundations-001")
        parser.add_argument("--candidates", type=int, default=300)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--session", type=int, action="append", help="session id (repeatable; default: all)"
        )
        parser.add_argument(
            "--actor", help="email of who authorises the attempts (default: a foundation admin)"
        )

    def handle(self, *args, form: str, candidates: int, seed: int, session, actor, **options):
        try:
            exam_form = Form.objects.select_related("subject").get(code=form)
        except Form.DoesNotExist as exc:
            raise CommandError(f"No form with code {form!r}.") from exc
        if actor:
            user = User.objects.filter(email=actor).first()
        else:
            user = (
                User.objects.filter(memberships__role=Role.FOUNDATION_ADMIN, is_active=True)
                .order_by("pk")
                .first()
                or User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
            )
        if user is None:
            raise CommandError("No foundation administrator to authorise the attempts.")
        sessions = list(Session.objects.filter(pk__in=session)) if session else None
        try:
            report = sitting_simulate(
                actor=user, form=exam_form, sessions=sessions, n_candidates=candidates, seed=seed
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if report.already_done:
            self.stdout.write(f"Already simulated: form {exam_form.code}, seed {seed}.")
        else:
            self.stdout.write(
                f"{report.attempts_created} attempts submitted on {exam_form.code} "
                f"in {report.seconds:.1f} s."
            )
        positions = dict(exam_form.items.values_list("pk", "position"))
        for kind, pk in report.planted.items():
            self.stdout.write(f"  planted {kind}: item #{positions[pk]}")
