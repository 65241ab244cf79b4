"""Writes for forms: assembling with the optimiser, locking, publishing, retiring, discarding and
replacing an item of a draft."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aicert.accounts.permissions import require_permission
from aicert.accounts.types import Actor
from aicert.audit.services import audit_record
from aicert.catalog.locks import subject_row_lock
from aicert.catalog.models import Subject
from aicert.delivery import locks, selectors
from aicert.delivery.models import (
    Form,
    FormItem,
)
from aicert.delivery.services._common import FS
from aicert.itembank.models import ItemVersion
from aicert.optimize.assembly import AssemblyResult, AssemblySpec, assemble_forms
from aicert.shared.clock import aware_now


def _form_report(
    result: AssemblyResult, spec: AssemblySpec, number: int, settings: dict, sources: Mapping
) -> dict:
    form = result.forms[number - 1]
    return {
        "form_number": number,
        "forms_in_batch": len(result.forms),
        "thetas": list(result.thetas),
        "information": list(form.information),
        "tcc": list(form.tcc),
        "cut_theta": spec.cut_theta,
        "cut_information": form.cut_information,
        "domain_counts": [list(pair) for pair in form.domain_counts],
        "solver": {
            "status": result.status,
            "gap": result.gap,
            "objective": result.objective,
            "bound": result.bound if result.bound != float("inf") else None,
            "time_seconds": round(result.time_seconds, 3),
            "candidates": result.n_candidates,
            "max_pairwise_overlap": result.max_pairwise_overlap,
        },
        "settings": settings,
        "parameter_sources": dict(sources),
    }


def _next_form_number(subject: Subject) -> int:
    codes = Form.objects.filter(subject=subject).values_list("code", flat=True)
    numbers = [int(c.rsplit("-", 1)[-1]) for c in codes if c.rsplit("-", 1)[-1].isdigit()]
    return max(numbers, default=0) + 1


def form_assemble(
    *,
    actor: Actor,
    subject: Subject,
    n_forms: int = 1,
    cut_theta: float = 0.0,
    max_exposure: int | None = 1,
    max_overlap: int | None = None,
    info_tolerance: float | None = None,
    max_prior_forms: int | None = None,
    exclude_types: Iterable[str] = (),
    parameters: Mapping[int, tuple[float, float, float]] | None = None,
    time_limit: float = 20.0,
) -> list[Form]:
    """Assemble ``n_forms`` parallel draft forms of ``subject`` from its approved/active items.

    Blueprint counts come from the subject's blueprint entries, enemy sets from the item bank,
    item parameters from ``parameters`` (calibrated, by version pk) or else from the intended
    difficulty (:func:`aicert.delivery.selectors.default_parameters`). The forms maximise the
    test information at ``cut_theta`` (:func:`aicert.optimize.assemble_forms`). ``max_exposure``
    caps how many of the new forms may share an item (1: no sharing), ``max_overlap`` the items
    two forms share, ``info_tolerance`` (relative) how far a form's information at the cut may
    stray from the mean form; ``max_prior_forms`` leaves out items already on that many live
    forms.

    Raises :class:`~aicert.optimize.explain.InfeasibleError` (with ``reasons`` in words) when
    no such forms exist, :class:`~aicert.optimize.explain.SolverLimitError` when the time limit
    passes first, and ``ValidationError`` when the subject has no blueprint. The solver runs
    outside the transaction; the chosen versions are re-checked under the subject's lock.
    """
    require_permission(actor, "delivery.assemble_form")
    assert actor is not None  # require_permission refuses the system
    exclude_types = tuple(exclude_types)
    bank = selectors.assembly_bank_load(
        subject=subject,
        max_prior_forms=max_prior_forms,
        exclude_types=exclude_types,
        parameters=parameters,
    )
    if not bank.blueprint:
        raise ValidationError(
            _("The subject has no blueprint: give its domains item counts first."),
            code="no_blueprint",
        )
    spec = AssemblySpec(
        blueprint=bank.blueprint,
        n_forms=n_forms,
        cut_theta=cut_theta,
        enemy_sets=bank.enemy_sets,
        max_exposure=max_exposure,
        max_overlap=max_overlap,
        info_tolerance=info_tolerance,
        tolerance_mode="relative",
        time_limit=time_limit,
    )
    result = assemble_forms(bank.items, spec)
    settings = {
        "n_forms": n_forms,
        "cut_theta": cut_theta,
        "max_exposure": max_exposure,
        "max_overlap": max_overlap,
        "info_tolerance": info_tolerance,
        "max_prior_forms": max_prior_forms,
        "exclude_types": list(exclude_types),
        "time_limit": time_limit,
    }
    blueprint_order = {label: k for k, (label, _n) in enumerate(bank.blueprint)}
    domain_of = {it.id: it.domain for it in bank.items}
    with transaction.atomic():
        subject_row_lock(pk=subject.pk)
        chosen = {bank.version_ids[i] for f in result.forms for i in f.item_ids}
        still_usable = set(
            ItemVersion.objects.filter(
                pk__in=chosen, item__status__in=selectors.ASSEMBLY_ITEM_STATUSES
            ).values_list("pk", flat=True)
        )
        if still_usable != chosen:
            raise ValidationError(
                _("Some chosen items changed status while the forms were assembled: try again."),
                code="bank_changed",
            )
        batch = uuid.uuid4()
        number = _next_form_number(subject)
        forms = []
        for assembled in result.forms:
            form = Form.objects.create(
                subject=subject,
                code=f"{subject.code}-{number:03d}",
                assembly_batch=batch,
                created_by=actor,
                assembly_report=_form_report(
                    result, spec, assembled.number, settings, bank.parameter_sources
                ),
            )
            number += 1
            ordered = sorted(assembled.item_ids, key=lambda i: (blueprint_order[domain_of[i]], i))
            FormItem.objects.bulk_create(
                FormItem(form=form, item_version_id=bank.version_ids[i], position=p)
                for p, i in enumerate(ordered, start=1)
            )
            audit_record(
                actor=actor,
                action="form.assemble",
                target=form,
                changes={
                    "status": [None, FS.DRAFT],
                    "items": len(ordered),
                    "batch": str(batch),
                    "solver_status": result.status,
                    "gap": result.gap,
                },
            )
            forms.append(form)
    return forms


def _form_transition(
    *, actor: Actor, form: Form, allowed_from: Iterable[str], to: str, now: dt.datetime
) -> Form:
    locked = locks.form_row_lock(pk=form.pk)
    before = locked.status
    if before not in allowed_from:
        raise ValidationError(
            _("A form cannot go from “%(before)s” to “%(after)s”.")
            % {"before": FS(before).label, "after": FS(to).label},
            code="illegal_transition",
        )
    locked.status = to
    fields = ["status"]
    if to == FS.LOCKED:
        locked.locked_by, locked.locked_at = actor, now
        fields += ["locked_by", "locked_at"]
    elif to == FS.PUBLISHED:
        locked.published_at = now
        fields.append("published_at")
    elif to == FS.RETIRED:
        locked.retired_at = now
        fields.append("retired_at")
    locked.save(update_fields=fields)
    audit_record(actor=actor, action=f"form.{to}", target=locked, changes={"status": [before, to]})
    return locked


@transaction.atomic
def form_lock(*, actor: Actor, form: Form, now: dt.datetime | None = None) -> Form:
    """Freeze a draft form: from now on its items never change."""
    require_permission(actor, "delivery.lock_form")
    if not FormItem.objects.filter(form_id=form.pk).exists():
        raise ValidationError(_("An empty form cannot be locked."), code="empty_form")
    return _form_transition(
        actor=actor, form=form, allowed_from=[FS.DRAFT], to=FS.LOCKED, now=aware_now(now)
    )


@transaction.atomic
def form_publish(*, actor: Actor, form: Form, now: dt.datetime | None = None) -> Form:
    """Release a locked form for delivery (attempts may be authorised on it)."""
    require_permission(actor, "delivery.lock_form")
    return _form_transition(
        actor=actor, form=form, allowed_from=[FS.LOCKED], to=FS.PUBLISHED, now=aware_now(now)
    )


@transaction.atomic
def form_retire(*, actor: Actor, form: Form, now: dt.datetime | None = None) -> Form:
    """Take a locked or published form out of use (attempts already on it are unaffected)."""
    require_permission(actor, "delivery.lock_form")
    return _form_transition(
        actor=actor,
        form=form,
        allowed_from=[FS.LOCKED, FS.PUBLISHED],
        to=FS.RETIRED,
        now=aware_now(now),
    )


def _editable(form: Form) -> Form:
    locked = locks.form_row_lock(pk=form.pk)
    if locked.status != FS.DRAFT:
        raise ValidationError(
            _("Form %(code)s is locked: its items can no longer change.") % {"code": locked.code},
            code="form_locked",
        )
    return locked


@transaction.atomic
def form_discard(*, actor: Actor, form: Form) -> None:
    """Delete a draft form that will not be used."""
    require_permission(actor, "delivery.assemble_form")
    locked = _editable(form)
    audit_record(
        actor=actor, action="form.discard", target=locked, changes={"status": [FS.DRAFT, None]}
    )
    locked.delete()


@transaction.atomic
def form_item_replace(*, actor: Actor, form_item: FormItem, item_version: ItemVersion) -> FormItem:
    """Swap the version at one position of a draft form for another of the same domain.

    The replacement must be the newest version of an approved or active item of the form's
    subject, and its item must not be on the form already.
    """
    require_permission(actor, "delivery.assemble_form")
    form = _editable(form_item.form)
    current = FormItem.objects.select_related("item_version__item").get(pk=form_item.pk)
    item = item_version.item
    newest = item.versions.order_by("-number").first()
    errors = []
    if item.subject_id != form.subject_id:
        errors.append(_("The item belongs to another subject."))
    if item.status not in selectors.ASSEMBLY_ITEM_STATUSES or newest != item_version:
        errors.append(_("Only the approved version of an approved or active item can be used."))
    if item.domain_id != current.item_version.item.domain_id:
        errors.append(_("The replacement must measure the same domain, to keep the blueprint."))
    on_form = FormItem.objects.filter(form=form, item_version__item=item).exclude(pk=current.pk)
    if on_form.exists():
        errors.append(_("The item is already on this form."))
    if errors:
        raise ValidationError(errors, code="invalid_replacement")
    before = current.item_version_id
    current.item_version = item_version
    current.save(update_fields=["item_version"])
    audit_record(
        actor=actor,
        action="form.item_replace",
        target=form,
        changes={"position": current.position, "item_version": [before, item_version.pk]},
    )
    return current
