"""Run the item analysis of a form's submitted attempts (as the page's button does)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from aicert.accounts.models import User
from aicert.analysis.services import analysis_run_create
from aicert.delivery.models import Form
from aicert.scheduling.models import Session


class Command(BaseCommand):
    help = "Item analysis (CTT, IRT, DIF, flags) of a form; writes the statistics to the bank."

    def add_arguments(self, parser):
        parser.add_argument("form", help="form code")
        parser.add_argument("--actor", required=True, help="email of a psychometrician")
        parser.add_argument("--session", type=int, help="analyse one session only")

    def handle(self, *args, form: str, actor: str, session, **options):
        try:
            exam_form = Form.objects.get(code=form)
        except Form.DoesNotExist as exc:
            raise CommandError(f"No form with code {form!r}.") from exc
        user = User.objects.filter(email=actor).first()
        if user is None:
            raise CommandError(f"No user {actor!r}.")
        sitting = Session.objects.filter(pk=session).first() if session else None
        try:
            run = analysis_run_create(actor=user, form=exam_form, session=sitting)
        except PermissionDenied as exc:
            raise CommandError(f"{actor} may not run item analyses.") from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            f"Analysis {run.pk}: {run.n_candidates} candidates, {run.n_items} items, "
            f"alpha {run.alpha}, SEM {run.sem}, IRT {run.irt_model or '-'} "
            f"(converged: {run.irt_converged}), {run.n_flagged} items flagged."
        )
        for result in run.items.order_by("position"):
            if result.flags:
                self.stdout.write(f"  #{result.position}: {', '.join(result.flags)}")
