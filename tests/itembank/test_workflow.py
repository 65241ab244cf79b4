"""The review workflow: states, independence of reviewers, versions and the audit trail."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from aicert.audit.models import AuditEvent
from aicert.itembank import services
from aicert.itembank.models import ItemStatus, ItemVersion, ReviewAssignment, ReviewDecision
from tests.itembank.conftest import ALL_TICKED, single_choice, single_choice_en

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _decide(world_user, item, decision=ReviewDecision.APPROVE, checklist=None, comment=""):
    assignment = ReviewAssignment.objects.get(
        version=item.versions.order_by("-number").first(), reviewer=world_user
    )
    try:
        return services.review_decide(
            actor=world_user,
            assignment=assignment,
            decision=decision,
            checklist=ALL_TICKED if checklist is None else checklist,
            comment=comment,
        )
    finally:
        item.refresh_from_db()


def _actions(item) -> list[str]:
    return list(
        AuditEvent.objects.filter(target_type="itembank.item", target_id=str(item.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_full_workflow_with_a_revision_and_two_approvals(world, make_item):
    # Given a writer's item with a co-author
    item = make_item()
    item.co_authors.add(world.co_author)
    assert item.status == ItemStatus.DRAFT and item.versions.get().number == 1

    # When it is submitted and the lead assigns two reviewers
    services.item_submit(actor=world.writer, item=item)
    assert item.status == ItemStatus.SUBMITTED
    services.review_assign(actor=world.lead, item=item, reviewer=world.reviewer)
    assert item.status == ItemStatus.IN_REVIEW
    services.review_assign(actor=world.lead, item=item, reviewer=world.reviewer2)

    # And one reviewer approves while the other requests changes
    _decide(world.reviewer, item)
    assert item.status == ItemStatus.IN_REVIEW  # one approval is not enough
    _decide(
        world.reviewer2,
        item,
        ReviewDecision.REQUEST_CHANGES,
        {**ALL_TICKED, "no_cueing": False},
        "選項 2 的長度洩漏答案",
    )
    assert item.status == ItemStatus.CHANGES_REQUESTED

    # Then the co-author revises: a new version, back to draft, and it goes round again
    version = services.item_revise(
        actor=world.co_author,
        item=item,
        item_type="single_choice",
        content_zh=single_choice(stem="下列何者屬於監督式學習方法？"),
        content_en=single_choice_en(),
        change_note="Shorter option 2",
    )
    assert version.number == 2 and item.status == ItemStatus.DRAFT
    services.item_submit(actor=world.writer, item=item)
    assigned = services.review_assign_auto(actor=world.lead, item=item)
    assert len(assigned) == 2 and world.writer not in {a.reviewer for a in assigned}
    for assignment in assigned:
        services.review_decide(
            actor=assignment.reviewer,
            assignment=assignment,
            decision=ReviewDecision.APPROVE,
            checklist=ALL_TICKED,
        )
    item.refresh_from_db()
    assert item.status == ItemStatus.APPROVED
    services.item_activate(actor=world.lead, item=item)
    item.refresh_from_db()
    assert item.status == ItemStatus.ACTIVE

    assert _actions(item) == [
        "item.create",
        "item.submit",
        "item.review_start",
        "item.changes_requested",
        "item.revise",
        "item.submit",
        "item.review_start",
        "item.approve",
        "item.activate",
    ]
    assert AuditEvent.objects.filter(action="review.decide").count() == 4
    assert AuditEvent.objects.filter(action="review.assign").count() == 4


def test_author_and_co_author_cannot_review_their_own_item(world, make_item):
    item = make_item()
    item.co_authors.add(world.reviewer3)  # a reviewer who co-wrote this item
    services.item_submit(actor=world.writer, item=item)
    for person in (world.writer, world.reviewer3):
        with pytest.raises(ValidationError, match="cannot review their own"):
            services.review_assign(actor=world.lead, item=item, reviewer=person)
    picked = {a.reviewer for a in services.review_assign_auto(actor=world.lead, item=item)}
    assert picked == {world.reviewer, world.reviewer2}


def test_auto_assignment_picks_the_least_loaded_reviewers(world, make_item):
    busy = make_item()
    services.item_submit(actor=world.writer, item=busy)
    services.review_assign(actor=world.lead, item=busy, reviewer=world.reviewer)
    item = make_item()
    services.item_submit(actor=world.writer, item=item)
    picked = {a.reviewer for a in services.review_assign_auto(actor=world.lead, item=item)}
    assert picked == {world.reviewer2, world.reviewer3}


def test_not_enough_reviewers_is_a_clear_error(world, make_item):
    item = make_item()
    item.co_authors.add(world.reviewer, world.reviewer2)
    services.item_submit(actor=world.writer, item=item)
    with pytest.raises(ValidationError, match="Not enough independent item reviewers"):
        services.review_assign_auto(actor=world.lead, item=item)


def test_approval_needs_the_full_checklist_and_changes_need_a_comment(world, in_review):
    with pytest.raises(ValidationError, match="every checklist line"):
        _decide(world.reviewer, in_review, checklist={**ALL_TICKED, "language": False})
    with pytest.raises(ValidationError):
        _decide(world.reviewer, in_review, ReviewDecision.REQUEST_CHANGES, comment=" ")
    assert ReviewAssignment.objects.filter(decided_at__isnull=False).count() == 0


def test_only_the_assigned_reviewer_decides_and_only_once(world, in_review):
    assignment = ReviewAssignment.objects.get(reviewer=world.reviewer)
    with pytest.raises(PermissionDenied):
        services.review_decide(
            actor=world.reviewer3, assignment=assignment, decision="approve", checklist=ALL_TICKED
        )
    _decide(world.reviewer, in_review)
    with pytest.raises(ValidationError, match="already decided"):
        _decide(world.reviewer, in_review)


def test_request_for_changes_withdraws_the_other_open_review(world, in_review):
    _decide(world.reviewer, in_review, ReviewDecision.REQUEST_CHANGES, comment="Key is wrong")
    other = ReviewAssignment.objects.get(reviewer=world.reviewer2)
    assert other.decision == ReviewDecision.WITHDRAWN and not other.is_open
    with pytest.raises(ValidationError):
        _decide(world.reviewer2, in_review)


@pytest.mark.parametrize(
    ("service", "actor"),
    [
        ("item_activate", "lead"),
        ("item_retire", "lead"),
        ("review_assign_auto", "lead"),
    ],
)
def test_illegal_transitions_from_draft_are_refused(world, make_item, service, actor):
    item = make_item()
    with pytest.raises(ValidationError):
        getattr(services, service)(actor=getattr(world, actor), item=item)
    item.refresh_from_db()
    assert item.status == ItemStatus.DRAFT


def test_illegal_transition_message_names_both_states(world, in_review):
    with pytest.raises(ValidationError, match="cannot go from “In review” to “Submitted”"):
        services.item_submit(actor=world.writer, item=in_review)
    with pytest.raises(ValidationError, match="cannot be edited"):
        services.item_revise(
            actor=world.writer,
            item=in_review,
            item_type="single_choice",
            content_zh=single_choice(),
        )


def test_retired_is_final(world, in_review):
    _decide(world.reviewer, in_review)
    _decide(world.reviewer2, in_review)
    services.item_activate(actor=world.lead, item=in_review)
    services.item_retire(actor=world.lead, item=in_review, reason="Outdated")
    for call in (services.item_activate, services.item_submit):
        with pytest.raises(ValidationError):
            call(actor=world.lead, item=in_review)


@pytest.mark.parametrize("activate", [False, True])
def test_editing_an_approved_or_active_item_starts_a_new_draft(world, in_review, activate):
    _decide(world.reviewer, in_review)
    _decide(world.reviewer2, in_review)
    if activate:
        services.item_activate(actor=world.lead, item=in_review)
    version = services.item_revise(
        actor=world.writer,
        item=in_review,
        item_type="single_choice",
        content_zh=single_choice(stem="修訂後的題幹"),
        difficulty="hard",
    )
    in_review.refresh_from_db()
    assert in_review.status == ItemStatus.DRAFT and in_review.difficulty == "hard"
    assert version.number == 2 and in_review.versions.count() == 2
    # The approved version is untouched: forms that pinned it keep it.
    first = in_review.versions.get(number=1)
    assert first.content_zh["stem"] == single_choice()["stem"]
    assert first.review_assignments.filter(decision="approve").count() == 2


def test_versions_are_immutable_and_numbered_uniquely(world, make_item):
    item = make_item()
    version = item.versions.get()
    version.change_note = "sneaky"
    with pytest.raises(ValueError, match="immutable"):
        version.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        ItemVersion.objects.create(
            item=item, number=1, item_type="true_false", content_zh={}, created_by=world.writer
        )


def test_database_refuses_duplicate_reviewer_and_unknown_status(world, in_review):
    version = in_review.versions.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewAssignment.objects.create(version=version, reviewer=world.reviewer)
    with pytest.raises(IntegrityError), transaction.atomic():
        type(in_review).objects.filter(pk=in_review.pk).update(status="published")


def test_writer_edits_only_items_they_author(world, make_item):
    item = make_item()
    stranger = make_item(author=world.co_author)
    with pytest.raises(PermissionDenied):
        services.item_revise(
            actor=world.writer, item=stranger, item_type="single_choice", content_zh=single_choice()
        )
    with pytest.raises(PermissionDenied):
        services.item_submit(actor=world.reviewer, item=item)
    with pytest.raises(PermissionDenied):
        services.item_create(
            actor=world.reviewer,
            level=world.level,
            subject=world.subject,
            domain=world.domain,
            cognitive_level="apply",
            difficulty="easy",
            item_type="true_false",
            content_zh={"stem": "?", "key": True},
        )


def test_invalid_content_and_mismatched_subject_are_refused(world, make_item):
    with pytest.raises(ValidationError, match="exactly one correct"):
        make_item(content_zh=single_choice(key=9), content_en={})
    with pytest.raises(ValidationError):
        make_item(domain=world.domain, subject=world.subject, level=_other_level(world))
    assert not AuditEvent.objects.filter(action="item.create").exists()


def _other_level(world):
    from tests.factories import LevelFactory

    return LevelFactory(
        certification=world.level.certification, code="pro", rank=2, name_zh="中級", name_en="Pro"
    )


def test_comments_are_anchored_and_audited(world, in_review):
    version = in_review.versions.get()
    comment = services.review_comment_add(
        actor=world.reviewer, version=version, field_path="options[2]", body="太明顯"
    )
    assert comment.field_path == "options[2]"
    event = AuditEvent.objects.get(action="review.comment")
    assert event.actor == world.reviewer and event.changes["field_path"] == "options[2]"
    with pytest.raises(ValidationError):
        services.review_comment_add(
            actor=world.reviewer, version=version, field_path="??", body="x"
        )
    with pytest.raises(PermissionDenied):  # not assigned, not an author
        services.review_comment_add(
            actor=world.reviewer3, version=version, field_path="stem", body="x"
        )


def test_enemies_are_symmetric(world, make_item):
    first, second = make_item(), make_item()
    services.item_set_enemies(actor=world.writer, item=first, enemies=[second])
    assert list(second.enemies.all()) == [first]
