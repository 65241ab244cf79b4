"""Reads for item analysis: the response data of a sitting as arrays, runs and flag lists.

:func:`sitting_data_load` turns the submitted attempts of a form into the persons x items arrays
that :mod:`aicert.psychometrics` computes on (DESIGN.md convention 8: load, then compute purely).
"""

from __future__ import annotations

import string
from dataclasses import dataclass

import numpy as np
from django.db.models import QuerySet

from aicert.accounts.permissions import scope_queryset
from aicert.accounts.types import RequestUser
from aicert.analysis.models import AnalysisRun, ItemResult
from aicert.delivery.models import ENDED_STATUSES, Attempt, Form, FormItem, Response, ScoreStatus
from aicert.itembank.models import ItemStatistics
from aicert.registration.models import CandidateProfile

#: Label of a choice item that was presented and left unanswered.
OMITTED = "-"
CHOICE_TYPES = ("single_choice", "true_false")


def option_label(index: int) -> str:
    """Option letters as candidates know them: 0 -> A, 1 -> B…"""
    return string.ascii_uppercase[index] if index < 26 else str(index + 1)


def choice_key(item_type: str, content: dict) -> tuple[str, list[str]] | None:
    """The keyed label and all option labels of a choice item (``None`` for other types)."""
    if item_type == "single_choice":
        options = content.get("options") or []
        labels = [option_label(i) for i in range(len(options))]
        keyed = [i for i, o in enumerate(options) if isinstance(o, dict) and o.get("correct")]
        return (labels[keyed[0]] if keyed else "", labels)
    if item_type == "true_false":
        return ("T" if content.get("key") is True else "F", ["T", "F"])
    return None


def _choice_label(item_type: str, answer) -> str:
    if item_type == "true_false":
        return "T" if answer is True else "F"
    return option_label(int(answer))


@dataclass(frozen=True)
class SittingData:
    """The scored responses of the submitted attempts of one form (persons x form items).

    ``scores``: share of the item's points earned (0..1); an unanswered item scores 0; ``NaN``
    where the response still awaits markers. ``labels``: the option chosen for choice items
    (``A``…, ``T``/``F``, :data:`OMITTED`), for other items ``"1"`` (full credit) or ``"0"``,
    ``None`` where the score is unknown. ``gender`` and ``region`` per person come from the
    candidate profile (``""`` when not given).
    """

    form: Form
    form_items: list[FormItem]
    attempt_ids: list[int]
    scores: np.ndarray
    labels: np.ndarray
    keys: list[str]
    option_labels: list[list[str] | None]
    gender: list[str]
    region: list[str]

    @property
    def n_persons(self) -> int:
        return len(self.attempt_ids)


def sitting_attempts(*, form: Form, session=None) -> QuerySet[Attempt]:
    """The submitted (or auto-submitted) attempts of ``form``, of one session when given."""
    attempts = Attempt.objects.filter(form=form, status__in=ENDED_STATUSES)
    if session is not None:
        attempts = attempts.filter(registration__session=session)
    return attempts


def sitting_data_load(*, form: Form, session=None) -> SittingData:
    """Load the scored responses of a form's submitted attempts into arrays (a few queries)."""

    form_items = list(
        FormItem.objects.filter(form=form).select_related("item_version").order_by("position")
    )
    column = {fi.pk: j for j, fi in enumerate(form_items)}
    attempts = list(
        sitting_attempts(form=form, session=session)
        .order_by("pk")
        .values_list("pk", "candidate_id")
    )
    row = {pk: i for i, (pk, _) in enumerate(attempts)}
    n_p, n_i = len(attempts), len(form_items)
    keys: list[str] = []
    option_labels: list[list[str] | None] = []
    for fi in form_items:
        version = fi.item_version
        key = choice_key(version.item_type, version.content_zh)
        keys.append(key[0] if key else "1")
        option_labels.append(key[1] if key else None)
    scores = np.zeros((n_p, n_i))
    labels = np.empty((n_p, n_i), dtype=object)
    for j, labels_j in enumerate(option_labels):
        labels[:, j] = OMITTED if labels_j is not None else "0"
    responses = Response.objects.filter(attempt_id__in=row).values_list(
        "attempt_id", "form_item_id", "answer", "points", "score_status"
    )
    max_points = [float(fi.points) for fi in form_items]
    for attempt_id, form_item_id, answer, points, status in responses.iterator(chunk_size=5000):
        i, j = row[attempt_id], column[form_item_id]
        if points is None:
            if status == ScoreStatus.NEEDS_MARKING:
                scores[i, j], labels[i, j] = np.nan, None
            continue  # unanswered: stays 0 / omitted
        share = float(points) / max_points[j]
        scores[i, j] = share
        item_type = form_items[j].item_version.item_type
        if option_labels[j] is not None and answer is not None:
            labels[i, j] = _choice_label(item_type, answer)
        elif option_labels[j] is None:
            labels[i, j] = "1" if share >= 1.0 - 1e-9 else "0"
    profiles = {
        user_id: (gender or "", region or "")
        for user_id, gender, region in CandidateProfile.objects.filter(
            user_id__in={c for _, c in attempts}
        ).values_list("user_id", "gender", "county__region__code")
    }
    gender = [profiles.get(c, ("", ""))[0] for _, c in attempts]
    region = [profiles.get(c, ("", ""))[1] for _, c in attempts]
    return SittingData(
        form=form,
        form_items=form_items,
        attempt_ids=[pk for pk, _ in attempts],
        scores=scores,
        labels=labels,
        keys=keys,
        option_labels=option_labels,
        gender=gender,
        region=region,
    )


# --- pages -------------------------------------------------------------------------------------


def analysable_forms() -> QuerySet[Form]:
    """Forms with at least one submitted attempt (the ones worth analysing)."""
    return (
        Form.objects.filter(attempts__status__in=ENDED_STATUSES)
        .distinct()
        .select_related("subject__level__certification")
        .order_by("subject__level__certification__code", "subject__code", "code")
    )


def analysis_run_list_for_user(*, user: RequestUser) -> QuerySet[AnalysisRun]:
    return scope_queryset(
        user, "analysis.view_analysisrun", AnalysisRun.objects.all()
    ).select_related("form__subject", "session", "created_by")


def analysis_run_get_for_user(*, user: RequestUser, pk: int) -> AnalysisRun:
    """One run the user may see; raises AnalysisRun.DoesNotExist otherwise."""
    return analysis_run_list_for_user(user=user).get(pk=pk)


def analysis_run_items(*, run: AnalysisRun) -> QuerySet[ItemResult]:
    return run.items.select_related("item_version__item").order_by("position")


def flagged_statistics(*, flag: str = "") -> QuerySet[ItemStatistics]:
    """Item versions whose latest analysis raised a flag (``flag``: only that one)."""
    stats = ItemStatistics.objects.exclude(flag_codes="")
    if flag:
        stats = stats.filter(flag_codes__contains=f" {flag} ")
    return stats.select_related("version__item__subject").order_by("version__item_id")
