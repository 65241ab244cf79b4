"""Item analysis after a sitting: CTT, IRT calibration, DIF and flags; written back to the bank.

:func:`analysis_run_create` loads the submitted attempts of a form (optionally of one session),
computes everything with :mod:`aicert.psychometrics` (never re-implemented here), stores an
:class:`~aicert.analysis.models.AnalysisRun` with one
:class:`~aicert.analysis.models.ItemResult` per item, writes each item version's latest figures
to :class:`~aicert.itembank.models.ItemStatistics`, and audits the run. Running it again on
the same data gives the same figures (a new run; the bank's statistics are overwritten with
identical values).

Choices made (and shown on the run page through ``summary``):

* **Scores.** CTT uses each item's share of its points (partial credit kept); an unanswered item
  scores 0; a response still awaiting markers is left out of that item. IRT and DIF need 0/1
  scores: an item counts as right when it earned full credit.
* **IRT.** 2PL by marginal maximum likelihood (Bock & Aitkin, 1981) when at least
  :data:`MIN_N_2PL` candidates sat; otherwise, or when the 2PL does not converge, the Rasch model
  (its item difficulties need far fewer persons). Items everybody (or nobody) got right carry no
  information and are left out of the calibration. Below :data:`MIN_N_IRT` no calibration.
* **DIF.** Mantel–Haenszel with the ETS A/B/C classes (matching on the number-correct score).
  Gender: **male is the reference group and female the focal group** (the group whose fairness
  is checked, as customary in DIF studies; ETS practice); candidates of another or no stated
  gender are left out of this comparison only. Region: **the region with the most candidates is
  the reference group and every other region in turn the focal group** (a majority reference, as
  in ETS practice; comparing each region with "all the rest" would let one region's DIF show up
  as spurious DIF of the others, whose "rest" contains it). A comparison is made only when both
  groups have at least :data:`MIN_DIF_GROUP` candidates. A negative MH D-DIF is against the
  focal group.
* **Flags.** Corrected point-biserial below 0 (negative) or below :data:`LOW_DISCRIMINATION`
  (low); facility above :data:`TOO_EASY` or below :data:`TOO_HARD`; a distractor chosen by at
  least :data:`MIN_DISTRACTOR_CHOOSERS` candidates whose mean score is above that of the key's
  choosers; DIF class C in any comparison (and class B, shown as a milder flag).
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from aicert.accounts.permissions import user_can
from aicert.accounts.types import Actor
from aicert.analysis import selectors
from aicert.analysis.models import AnalysisRun, Flag, ItemResult
from aicert.audit.services import audit_record
from aicert.delivery import locks as delivery_locks
from aicert.delivery.models import ENDED_STATUSES, Form, FormItem
from aicert.itembank.models import ItemStatistics
from aicert.psychometrics import ctt, dif, irt

LOW_DISCRIMINATION = 0.20
TOO_EASY = 0.90
TOO_HARD = 0.25
MIN_DISTRACTOR_CHOOSERS = 5
MIN_CANDIDATES = 10
MIN_N_IRT = 30
MIN_N_2PL = 200
MIN_DIF_GROUP = 30
DIF_GENDER_REFERENCE = "male"
DIF_GENDER_FOCAL = "female"

THRESHOLDS = {
    "low_discrimination": LOW_DISCRIMINATION,
    "too_easy": TOO_EASY,
    "too_hard": TOO_HARD,
    "min_distractor_choosers": MIN_DISTRACTOR_CHOOSERS,
    "min_n_irt": MIN_N_IRT,
    "min_n_2pl": MIN_N_2PL,
    "min_dif_group": MIN_DIF_GROUP,
}


def _num(value: Any, digits: int = 4) -> float | None:
    """A JSON- and database-safe float: NaN and infinities become None."""
    if value is None:
        return None
    value = float(value)
    return round(value, digits) if math.isfinite(value) else None


# --- pure computations on the loaded arrays ----------------------------------------------------


def _calibrate(binary: np.ndarray) -> dict[str, Any]:
    """IRT calibration report: model, convergence and a/b per item (None where not estimated)."""
    n_persons, n_items = binary.shape
    report: dict[str, Any] = {"model": "", "converged": None, "a": [None] * n_items}
    report["b"] = [None] * n_items
    if n_persons < MIN_N_IRT:
        report["note"] = "too_few_candidates"
        return report
    observed = ~np.isnan(binary)
    sums = np.where(observed, binary, 0.0).sum(axis=0)
    counts = observed.sum(axis=0)
    usable = np.flatnonzero((sums > 0) & (sums < counts))
    report["excluded_items"] = [int(j) for j in range(n_items) if j not in set(usable)]
    if usable.size < 2:
        report["note"] = "too_few_items"
        return report
    models = ["2PL", "Rasch"] if n_persons >= MIN_N_2PL else ["Rasch"]
    for model in models:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", irt.ConvergenceWarning)
                result = irt.calibrate(binary[:, usable], model, compute_se=False)
        except (ValueError, np.linalg.LinAlgError, FloatingPointError) as exc:
            report.setdefault("failures", []).append({"model": model, "error": str(exc)})
            continue
        report.update(
            model=model,
            converged=bool(result.converged),
            iterations=int(result.n_iterations),
            log_likelihood=_num(result.log_likelihood, 3),
            latent_variance=_num(result.latent_variance),
        )
        a, b = result.a, result.b
        for k, j in enumerate(usable):
            report["a"][j], report["b"][j] = _num(a[k]), _num(b[k])
        if result.converged:
            break
        report.setdefault("failures", []).append({"model": model, "error": "not converged"})
    if n_persons < MIN_N_2PL:
        report["note"] = "rasch_small_sample"
    return report


def _dif_groups(data: selectors.SittingData) -> list[dict[str, Any]]:
    """The DIF comparisons to make: key, labels, focal/reference coding (NaN = left out)."""
    groups: list[dict[str, Any]] = []
    gender = np.array(
        [
            1.0 if g == DIF_GENDER_FOCAL else 0.0 if g == DIF_GENDER_REFERENCE else np.nan
            for g in data.gender
        ]
    )
    groups.append(
        {
            "key": "gender",
            "focal": DIF_GENDER_FOCAL,
            "reference": DIF_GENDER_REFERENCE,
            "coding": gender,
        }
    )
    counts: dict[str, int] = {}
    for r in data.region:
        if r:
            counts[r] = counts.get(r, 0) + 1
    if counts:
        reference = max(sorted(counts), key=lambda code: counts[code])
        for code in sorted(counts):
            if code == reference:
                continue
            coding = np.array(
                [1.0 if r == code else 0.0 if r == reference else np.nan for r in data.region]
            )
            groups.append(
                {"key": f"region:{code}", "focal": code, "reference": reference, "coding": coding}
            )
    for group in groups:
        coding = group["coding"]
        group["n_focal"] = int(np.sum(coding == 1.0))
        group["n_reference"] = int(np.sum(coding == 0.0))
        group["analysed"] = min(group["n_focal"], group["n_reference"]) >= MIN_DIF_GROUP
    return groups


def _item_flags(
    facility: float | None,
    discrimination: float | None,
    options: list[dict],
    dif_classes: list[str],
) -> list[str]:
    flags: list[str] = []
    if discrimination is not None:
        if discrimination < 0:
            flags.append(Flag.NEGATIVE_DISCRIMINATION)
        elif discrimination < LOW_DISCRIMINATION:
            flags.append(Flag.LOW_DISCRIMINATION)
    key_rows = [o for o in options if o["is_key"]]
    key_mean = key_rows[0]["mean_score"] if key_rows else None
    if key_mean is not None and any(
        not o["is_key"]
        and not o["omitted"]
        and o["n"] >= MIN_DISTRACTOR_CHOOSERS
        and o["mean_score"] is not None
        and o["mean_score"] > key_mean
        for o in options
    ):
        flags.append(Flag.DISTRACTOR_HIGH_SCORERS)
    if facility is not None and facility > TOO_EASY:
        flags.append(Flag.TOO_EASY)
    if facility is not None and facility < TOO_HARD:
        flags.append(Flag.TOO_HARD)
    if "C" in dif_classes:
        flags.append(Flag.DIF_C)
    elif "B" in dif_classes:
        flags.append(Flag.DIF_B)
    return [str(f) for f in flags]


def _compute(data: selectors.SittingData) -> dict[str, Any]:
    """Every figure of the analysis, as plain Python values ready to store."""
    x = data.scores
    analysed = [j for j in range(x.shape[1]) if np.any(~np.isnan(x[:, j]))]
    skipped = [j for j in range(x.shape[1]) if j not in analysed]
    xa = x[:, analysed]
    stats = ctt.item_analysis(xa)
    totals = ctt.total_scores(xa)
    binary = np.where(np.isnan(xa), np.nan, (xa >= 1.0 - 1e-9).astype(float))
    calibration = _calibrate(binary)
    # Distractor table over every analysed item: non-choice items enter as right ("1") or
    # wrong ("0") so that the choosers' mean score is the number-correct score on the test.
    labels = data.labels[:, analysed]
    keys = [data.keys[j] for j in analysed]
    rows = ctt.distractor_analysis(
        labels,
        keys,
        options=[data.option_labels[j] or ["1", "0"] for j in analysed],
    )
    options_by_item: dict[int, list[dict]] = {}
    for r in rows:
        if data.option_labels[analysed[r.item]] is None or (
            r.option == selectors.OMITTED and not r.n
        ):
            continue
        options_by_item.setdefault(r.item, []).append(
            {
                "option": r.option,
                "is_key": bool(r.is_key),
                "omitted": r.option == selectors.OMITTED,
                "n": int(r.n),
                "proportion": _num(r.proportion),
                "mean_score": _num(r.mean_total, 3),
            }
        )
    groups = _dif_groups(data)
    dif_by_item: dict[int, dict[str, Any]] = {k: {} for k in range(len(analysed))}
    for group in groups:
        if not group["analysed"]:
            continue
        mh = dif.mantel_haenszel(binary, group["coding"])
        for k in range(len(analysed)):
            dif_by_item[k][group["key"]] = {
                "focal": group["focal"],
                "reference": group["reference"],
                "delta": _num(mh.delta_mh[k], 3),
                "se": _num(mh.delta_se[k], 3),
                "chi_square": _num(mh.chi_square[k], 3),
                "p": _num(mh.p_value[k], 5),
                "class": mh.ets_class[k],
            }
    items = []
    for k, j in enumerate(analysed):
        facility = _num(stats.facility[k])
        discrimination = _num(stats.point_biserial[k])
        options = options_by_item.get(k, [])
        classes = [v["class"] for v in dif_by_item[k].values()]
        items.append(
            {
                "index": j,
                "n": int(np.sum(~np.isnan(xa[:, k]))),
                "facility": facility,
                "discrimination": discrimination,
                "alpha_if_deleted": _num(stats.alpha_if_deleted[k]),
                "irt_a": calibration["a"][k],
                "irt_b": calibration["b"][k],
                "options": options,
                "dif": dif_by_item[k],
                "flags": _item_flags(facility, discrimination, options, classes),
            }
        )
    return {
        "n_persons": data.n_persons,
        "items": items,
        "skipped": skipped,
        "alpha": _num(stats.alpha),
        "sem": _num(stats.sem),
        "sd": _num(stats.sd_total),
        "mean": _num(float(np.mean(totals))),
        "calibration": {k: v for k, v in calibration.items() if k not in ("a", "b")},
        "dif_groups": [{k: v for k, v in g.items() if k != "coding"} for g in groups],
    }


# --- the service --------------------------------------------------------------------------------


def _write_back(run: AnalysisRun, results: list[ItemResult], now) -> None:
    """Latest statistics of each analysed item version into the item bank."""
    versions = [r.item_version_id for r in results]
    exposures = dict(
        FormItem.objects.filter(item_version_id__in=versions)
        .values("item_version_id")
        .annotate(n=Count("form__attempts", filter=Q(form__attempts__status__in=ENDED_STATUSES)))
        .values_list("item_version_id", "n")
    )
    # Sum over forms: the query above groups per version already, across every form using it.
    for result in results:
        classes = [v.get("class", "A") for v in result.dif.values()]
        worst = "C" if "C" in classes else "B" if "B" in classes else ("A" if classes else "")
        ItemStatistics.objects.update_or_create(
            version_id=result.item_version_id,
            defaults={
                "exposures": exposures.get(result.item_version_id, 0),
                "n": result.n,
                "facility": result.facility,
                "discrimination": result.discrimination,
                "irt_model": run.irt_model if result.irt_b is not None else "",
                "irt_a": result.irt_a,
                "irt_b": result.irt_b,
                "dif_class": worst,
                "dif": {
                    k: {"class": v.get("class"), "delta": v.get("delta")}
                    for k, v in result.dif.items()
                },
                "flag_codes": f" {' '.join(result.flags)} " if result.flags else "",
                "last_run_id": run.pk,
                "analysed_at": now,
            },
        )


@transaction.atomic
def analysis_run_create(*, actor: Actor, form: Form, session=None) -> AnalysisRun:
    """Analyse the submitted attempts of ``form`` (of ``session`` only, when given).

    Needs ``analysis.run_item_analysis``. Locks the form row (delivery's lock order) so two runs
    of one form write the bank's statistics one after the other. Raises ``ValidationError`` when
    the session is not one of the form's subject or fewer than :data:`MIN_CANDIDATES` attempts
    were submitted.
    """
    if not user_can(actor, "analysis.run_item_analysis"):
        raise PermissionDenied
    if session is not None and session.subject_id != form.subject_id:
        raise ValidationError(
            _("This session is not a sitting of the form's subject."), code="wrong_session"
        )
    form = delivery_locks.form_row_lock(pk=form.pk)
    data = selectors.sitting_data_load(form=form, session=session)
    if data.n_persons < MIN_CANDIDATES:
        raise ValidationError(
            _("Only %(n)d submitted attempts: an item analysis needs at least %(min)d.")
            % {"n": data.n_persons, "min": MIN_CANDIDATES},
            code="too_few_candidates",
        )
    if len(data.form_items) < 3:
        raise ValidationError(_("An item analysis needs at least three items."), code="items")
    computed = _compute(data)
    calibration = computed["calibration"]
    run = AnalysisRun.objects.create(
        form=form,
        session=session,
        created_by=actor,
        n_candidates=computed["n_persons"],
        n_items=len(computed["items"]),
        mean_score=computed["mean"],
        sd_score=computed["sd"],
        alpha=computed["alpha"],
        sem=computed["sem"],
        irt_model=calibration["model"],
        irt_converged=calibration["converged"],
        summary={
            "thresholds": THRESHOLDS,
            "calibration": calibration,
            "dif_groups": computed["dif_groups"],
            "skipped_items": [data.form_items[j].position for j in computed["skipped"]],
            "scores": "share of item points; IRT and DIF: full credit = 1",
        },
    )
    results = []
    for item in computed["items"]:
        fi = data.form_items[item["index"]]
        results.append(
            ItemResult(
                run=run,
                form_item=fi,
                item_version_id=fi.item_version_id,
                position=fi.position,
                n=item["n"],
                facility=item["facility"],
                discrimination=item["discrimination"],
                alpha_if_deleted=item["alpha_if_deleted"],
                irt_a=item["irt_a"],
                irt_b=item["irt_b"],
                options=item["options"],
                dif=item["dif"],
                flags=item["flags"],
            )
        )
    ItemResult.objects.bulk_create(results)
    run.n_flagged = sum(1 for r in results if r.flags)
    run.save(update_fields=["n_flagged"])
    _write_back(run, results, timezone.now())
    audit_record(
        actor=actor,
        action="analysis.run",
        target=run,
        changes={
            "form": form.code,
            "session": session.pk if session else None,
            "candidates": run.n_candidates,
            "irt_model": run.irt_model,
            "flagged": {str(r.position): r.flags for r in results if r.flags},
        },
    )
    return run
