"""Writes for the item bank: items and versions, and the review workflow as a state machine.

    draft -> submitted -> in_review -> changes_requested | approved -> active -> retired
    changes_requested -> draft (a revision); approved | active -> draft (an edit makes a new
    draft version that is reviewed again)

A version is approved by ``REQUIRED_APPROVALS`` independent reviewers (never the author or a
co-author), each ticking every line of the checklist. One request for changes sends the
version back to its authors at once. Every transition and comment is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from aicert.accounts.models import User
from aicert.accounts.permissions import require_permission, user_can
from aicert.accounts.roles import Role
from aicert.accounts.types import Actor
from aicert.audit.services import audit_record
from aicert.itembank.assets import package_images_store, references_check
from aicert.itembank.content import content_validate, field_path_validate
from aicert.itembank.locks import item_row_lock
from aicert.itembank.models import (
    REVIEW_CHECKLIST,
    Item,
    ItemStatus,
    ItemVersion,
    ReviewAssignment,
    ReviewComment,
    ReviewDecision,
)

REQUIRED_APPROVALS = 2

S = ItemStatus
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED}),
    S.SUBMITTED: frozenset({S.IN_REVIEW}),
    S.IN_REVIEW: frozenset({S.CHANGES_REQUESTED, S.APPROVED}),
    S.CHANGES_REQUESTED: frozenset({S.DRAFT}),
    S.APPROVED: frozenset({S.ACTIVE, S.DRAFT}),
    S.ACTIVE: frozenset({S.RETIRED, S.DRAFT}),
    S.RETIRED: frozenset(),
}
# Statuses in which the authors may write a new version.
EDITABLE = frozenset({S.DRAFT, S.CHANGES_REQUESTED, S.APPROVED, S.ACTIVE})
METADATA_FIELDS = ("level", "subject", "domain", "cognitive_level", "difficulty")


def _transition(*, actor: Actor, item: Item, to: str, action: str, **changes: Any) -> Item:
    """Move ``item`` to status ``to`` or refuse with a clear error; audited."""
    before = item.status
    if to not in TRANSITIONS[before]:
        raise ValidationError(
            _("An item cannot go from “%(before)s” to “%(after)s”.")
            % {"before": S(before).label, "after": S(to).label},
            code="illegal_transition",
        )
    item.status = to
    item.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor, action=action, target=item, changes={"status": [before, to], **changes}
    )
    return item


def _lock(item: Item) -> Item:
    """Re-read the item under a row lock: concurrent decisions on one item are serialised."""
    locked = item_row_lock(pk=item.pk)
    item.status = locked.status
    return item


def _check_metadata(*, level, subject, domain) -> None:
    errors: dict[str, str] = {}
    if subject.level_id != level.pk:
        errors["subject"] = _("The subject belongs to another level.")
    if domain.certification_id != level.certification_id:
        errors["domain"] = _("The domain belongs to another certification.")
    if errors:
        raise ValidationError(errors)


def latest_version(item: Item) -> ItemVersion:
    version = item.versions.order_by("-number").first()
    assert version is not None  # item_create writes version 1 with the item
    return version


@transaction.atomic
def item_create(
    *,
    actor: User,
    level,
    subject,
    domain,
    cognitive_level: str,
    difficulty: str,
    item_type: str,
    content_zh: dict,
    content_en: dict | None = None,
    extra_domains=(),
    co_authors=(),
    enemies=(),
    images: dict[str, bytes] | None = None,
) -> Item:
    """A writer starts an item: the item and its first version, in draft.

    ``images`` (an import's package files, path -> bytes) become the item's images; the
    content's ``pkgimage:<path>`` references are rewritten to them (``asset:<id>``).
    """
    require_permission(actor, "itembank.add_item")
    _check_metadata(level=level, subject=subject, domain=domain)
    content_validate(item_type=item_type, content_zh=content_zh, content_en=content_en or {})
    if not images:
        # A new item has no images yet: its first version cannot refer to any.
        references_check(item=None, content_zh=content_zh, content_en=content_en or {})
    item = Item(
        level=level,
        subject=subject,
        domain=domain,
        cognitive_level=cognitive_level,
        difficulty=difficulty,
        author=actor,
    )
    item.full_clean()
    item.save()
    item.extra_domains.set(extra_domains)
    item.co_authors.set([u for u in co_authors if u.pk != actor.pk])
    item.enemies.set(list(enemies))
    if images:
        content_zh, content_en = package_images_store(
            item=item, images=images, uploaded_by=actor, contents=(content_zh, content_en or {})
        )
        references_check(item=item, content_zh=content_zh, content_en=content_en)
    version = ItemVersion.objects.create(
        item=item,
        number=1,
        item_type=item_type,
        content_zh=content_zh,
        content_en=content_en or {},
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="item.create",
        target=item,
        changes={
            "version": version.number,
            "item_type": item_type,
            "status": item.status,
            "enemies": sorted(e.pk for e in enemies),
        },
    )
    return item


@transaction.atomic
def item_revise(
    *,
    actor: User,
    item: Item,
    item_type: str,
    content_zh: dict,
    content_en: dict | None = None,
    change_note: str = "",
    extra_domains=None,
    co_authors=None,
    enemies=None,
    **metadata: Any,
) -> ItemVersion:
    """An author writes a new version; an item under review or retired cannot be edited.

    A revision after "changes requested", or an edit of an approved or active item, moves the
    item back to draft: the new version must be reviewed again. ``extra_domains``,
    ``co_authors`` and ``enemies`` replace the item's sets when given (None: unchanged).
    """
    require_permission(actor, "itembank.change_item", item)
    _lock(item)
    if item.status not in EDITABLE:
        raise ValidationError(
            _("An item that is “%(status)s” cannot be edited.")
            % {"status": item.get_status_display()},
            code="not_editable",
        )
    metadata = {k: v for k, v in metadata.items() if k in METADATA_FIELDS}
    if metadata:
        merged = {k: metadata.get(k, getattr(item, k)) for k in ("level", "subject", "domain")}
        _check_metadata(**merged)
    content_validate(item_type=item_type, content_zh=content_zh, content_en=content_en or {})
    references_check(item=item, content_zh=content_zh, content_en=content_en or {})
    previous = latest_version(item)
    version = ItemVersion.objects.create(
        item=item,
        number=previous.number + 1,
        item_type=item_type,
        content_zh=content_zh,
        content_en=content_en or {},
        change_note=change_note,
        created_by=actor,
    )
    changed = [k for k, v in metadata.items() if getattr(item, k) != v]
    for key in changed:
        setattr(item, key, metadata[key])
    if changed:
        item.full_clean()
        item.save(update_fields=[*changed, "updated_at"])
    changes: dict[str, Any] = {
        "version": [previous.number, version.number],
        "change_note": change_note,
    }
    relations = {
        "extra_domains": extra_domains,
        "co_authors": None if co_authors is None else [u for u in co_authors if u != item.author],
        "enemies": None if enemies is None else [e for e in enemies if e.pk != item.pk],
    }
    for name, rows in relations.items():
        if rows is None:
            continue
        manager = getattr(item, name)
        before = sorted(manager.values_list("pk", flat=True))
        manager.set(rows)
        after = sorted(r.pk for r in rows)
        if before != after:
            changes[name] = [before, after]
    if item.status == S.DRAFT:
        audit_record(actor=actor, action="item.revise", target=item, changes=changes)
    else:
        _transition(actor=actor, item=item, to=S.DRAFT, action="item.revise", **changes)
    return version


@transaction.atomic
def item_submit(*, actor: User, item: Item) -> Item:
    """The authors send the latest draft version to review."""
    require_permission(actor, "itembank.change_item", item)
    _lock(item)
    version = latest_version(item)
    content_validate(
        item_type=version.item_type, content_zh=version.content_zh, content_en=version.content_en
    )
    return _transition(
        actor=actor, item=item, to=S.SUBMITTED, action="item.submit", version=version.number
    )


def _reviewer_refusal(*, item: Item, version: ItemVersion, reviewer: User) -> str | None:
    if item.is_author(reviewer):
        return _("Authors and co-authors cannot review their own item.")
    if not user_can(reviewer, "itembank.review_item"):
        return _("This person is not an item reviewer.")
    if version.review_assignments.filter(reviewer=reviewer).exists():
        return _("This reviewer is already assigned to this version.")
    return None


def _assign(*, actor: User | None, item: Item, version: ItemVersion, reviewer: User):
    refusal = _reviewer_refusal(item=item, version=version, reviewer=reviewer)
    if refusal:
        raise ValidationError(refusal, code="reviewer_not_eligible")
    assignment = ReviewAssignment.objects.create(
        version=version, reviewer=reviewer, assigned_by=actor
    )
    audit_record(
        actor=actor,
        action="review.assign",
        target=assignment,
        changes={"item": item.pk, "version": version.number, "reviewer": reviewer.email},
    )
    if item.status == S.SUBMITTED:
        _transition(actor=actor, item=item, to=S.IN_REVIEW, action="item.review_start")
    return assignment


def _check_assignable(item: Item) -> None:
    if item.status not in (S.SUBMITTED, S.IN_REVIEW):
        raise ValidationError(
            _("Reviewers are assigned only to submitted items or items in review."),
            code="not_in_review",
        )


@transaction.atomic
def review_assign(*, actor: User, item: Item, reviewer: User) -> ReviewAssignment:
    """The workflow lead asks a reviewer to review the item's latest version."""
    require_permission(actor, "itembank.assign_reviewers")
    _lock(item)
    _check_assignable(item)
    return _assign(actor=actor, item=item, version=latest_version(item), reviewer=reviewer)


def reviewer_candidates(*, item: Item, version: ItemVersion):
    """Item reviewers who may review this version, least open assignments first."""
    excluded = {item.author_id, *item.co_authors.values_list("pk", flat=True)}
    excluded |= set(version.review_assignments.values_list("reviewer_id", flat=True))
    return (
        User.objects.filter(is_active=True, memberships__role=Role.ITEM_REVIEWER)
        .exclude(pk__in=excluded)
        .distinct()
        .annotate(
            open_load=Count(
                "review_assignments",
                filter=Q(review_assignments__decided_at__isnull=True),
                distinct=True,
            )
        )
        .order_by("open_load", "pk")
    )


@transaction.atomic
def review_assign_auto(*, actor: User, item: Item) -> list[ReviewAssignment]:
    """Fill the latest version up to the required reviewers, picking the least loaded ones."""
    require_permission(actor, "itembank.assign_reviewers")
    _lock(item)
    _check_assignable(item)
    version = latest_version(item)
    active = version.review_assignments.exclude(decision=ReviewDecision.WITHDRAWN).count()
    needed = max(REQUIRED_APPROVALS - active, 0)
    picked = list(reviewer_candidates(item=item, version=version)[:needed])
    if len(picked) < needed:
        raise ValidationError(
            _("Not enough independent item reviewers: %(needed)d needed, %(found)d found.")
            % {"needed": needed, "found": len(picked)},
            code="not_enough_reviewers",
        )
    return [_assign(actor=actor, item=item, version=version, reviewer=r) for r in picked]


def _check_checklist(checklist: dict, decision: str) -> dict[str, bool]:
    unknown = set(checklist) - set(REVIEW_CHECKLIST)
    if unknown:
        raise ValidationError(_("Unknown checklist entries: %(keys)s.") % {"keys": sorted(unknown)})
    answers = {key: bool(checklist.get(key)) for key in REVIEW_CHECKLIST}
    if decision == ReviewDecision.APPROVE and not all(answers.values()):
        missing = ", ".join(str(REVIEW_CHECKLIST[k]) for k, v in answers.items() if not v)
        raise ValidationError(
            _("Approve only when every checklist line holds. Not ticked: %(missing)s.")
            % {"missing": missing},
            code="checklist_incomplete",
        )
    return answers


@transaction.atomic
def review_decide(
    *, actor: User, assignment: ReviewAssignment, decision: str, checklist: dict, comment: str = ""
) -> ReviewAssignment:
    """A reviewer records a decision on their assignment.

    A request for changes sends the item back at once (other open assignments on the version
    are withdrawn); the second independent approval approves it.
    """
    require_permission(actor, "itembank.review_item")
    if assignment.reviewer_id != actor.pk:
        raise PermissionDenied
    item = _lock(assignment.version.item)
    if not assignment.is_open:
        raise ValidationError(_("This review is already decided."), code="already_decided")
    if decision not in (ReviewDecision.APPROVE, ReviewDecision.REQUEST_CHANGES):
        raise ValidationError(_("Choose approve or request changes."), code="decision")
    if item.status != S.IN_REVIEW or assignment.version != latest_version(item):
        raise ValidationError(_("This version is no longer in review."), code="not_in_review")
    if item.is_author(actor):  # a co-author added after assignment
        raise ValidationError(_("Authors and co-authors cannot review their own item."))
    if decision == ReviewDecision.REQUEST_CHANGES and not comment.strip():
        raise ValidationError({"comment": _("Say what needs to change.")})
    assignment.checklist = _check_checklist(checklist, decision)
    assignment.decision = decision
    assignment.comment = comment
    assignment.decided_at = timezone.now()
    assignment.save(update_fields=["checklist", "decision", "comment", "decided_at"])
    audit_record(
        actor=actor,
        action="review.decide",
        target=assignment,
        changes={"decision": decision, "checklist": assignment.checklist, "item": item.pk},
    )
    version = assignment.version
    if decision == ReviewDecision.REQUEST_CHANGES:
        for other in version.review_assignments.filter(decided_at__isnull=True):
            other.decision = ReviewDecision.WITHDRAWN
            other.decided_at = assignment.decided_at
            other.save(update_fields=["decision", "decided_at"])
            audit_record(actor=actor, action="review.withdraw", target=other)
        _transition(
            actor=actor,
            item=item,
            to=S.CHANGES_REQUESTED,
            action="item.changes_requested",
            version=version.number,
        )
    else:
        approvals = (
            version.review_assignments.filter(decision=ReviewDecision.APPROVE)
            .exclude(reviewer=item.author)
            .exclude(reviewer__in=item.co_authors.all())
            .values("reviewer")
            .distinct()
            .count()
        )
        if approvals >= REQUIRED_APPROVALS:
            _transition(
                actor=actor, item=item, to=S.APPROVED, action="item.approve", version=version.number
            )
    return assignment


@transaction.atomic
def item_activate(*, actor: User, item: Item) -> Item:
    """Release an approved item for form assembly."""
    require_permission(actor, "itembank.activate_item")
    _lock(item)
    return _transition(actor=actor, item=item, to=S.ACTIVE, action="item.activate")


@transaction.atomic
def item_retire(*, actor: User, item: Item, reason: str = "") -> Item:
    """Take an active item out of use (forms already pinned keep their versions)."""
    require_permission(actor, "itembank.activate_item")
    _lock(item)
    return _transition(actor=actor, item=item, to=S.RETIRED, action="item.retire", reason=reason)


@transaction.atomic
def review_comment_add(
    *, actor: User, version: ItemVersion, field_path: str, body: str
) -> ReviewComment:
    """A remark anchored to one place of a version, by its authors, reviewers or the lead."""
    require_permission(actor, "itembank.add_reviewcomment", version)
    field_path_validate(field_path)
    if not body.strip():
        raise ValidationError({"body": _("The comment is empty.")})
    comment = ReviewComment.objects.create(
        version=version, author=actor, field_path=field_path, body=body.strip()
    )
    audit_record(
        actor=actor,
        action="review.comment",
        target=comment,
        changes={"item": version.item_id, "version": version.number, "field_path": field_path},
    )
    return comment


@transaction.atomic
def item_set_enemies(*, actor: User, item: Item, enemies) -> None:
    """Items that must never share a form with this one (symmetric)."""
    require_permission(actor, "itembank.change_item", item)
    before = sorted(item.enemies.values_list("pk", flat=True))
    item.enemies.set([e for e in enemies if e.pk != item.pk])
    after = sorted(item.enemies.values_list("pk", flat=True))
    if before != after:
        audit_record(
            actor=actor, action="item.enemies", target=item, changes={"enemies": [before, after]}
        )


BULK_ACTIONS = ("assign_reviewers", "retire")


@dataclass(frozen=True)
class BulkResult:
    """What one bulk action did to one item."""

    item: Item
    ok: bool
    message: str


def item_bulk_apply(*, actor: User, items, action: str, reason: str = "") -> list[BulkResult]:
    """Apply one action to many items, item by item, and say what happened to each.

    Each item goes through its own service call (and transaction), so one refusal does not undo
    the others. ``assign_reviewers`` fills each item up to the required reviewers, least-loaded
    reviewers first; loads are recounted after every item, so a batch spreads across reviewers.
    """
    if action not in BULK_ACTIONS:
        raise ValidationError(_("Unknown bulk action."), code="bulk_action")
    results = []
    for item in sorted(items, key=lambda i: i.pk):
        try:
            if action == "assign_reviewers":
                assigned = review_assign_auto(actor=actor, item=item)
                names = ", ".join(str(a.reviewer) for a in assigned)
                message = (
                    _("Assigned: %(names)s") % {"names": names}
                    if assigned
                    else _("Already has enough reviewers.")
                )
            else:
                item_retire(actor=actor, item=item, reason=reason)
                message = _("Retired.")
        except PermissionDenied:
            results.append(BulkResult(item, False, _("You may not do this to this item.")))
        except ValidationError as error:
            results.append(BulkResult(item, False, " ".join(error.messages)))
        else:
            results.append(BulkResult(item, True, message))
    return results
