"""Invigilation: availability, conflicts of interest, the optimiser's proposal, manual changes
checked against the rules, publication, and invigilators confirming or declining."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from aicert.audit.models import AuditEvent
from aicert.optimize.invigilation import eligibility, validate_assignment
from aicert.registration.services import candidate_profile_save, registration_create
from aicert.scheduling import invigilation_selectors as sel
from aicert.scheduling import invigilation_services as svc
from aicert.scheduling.models import (
    AssignmentStatus,
    HalfDay,
    InvigilatorAssignment,
    InvigilatorAvailability,
    InvigilatorRole,
)
from tests.factories import UserFactory, grant
from tests.scheduling.fixtures import national_id

pytestmark = pytest.mark.django_db


def _team(session):
    return {
        a.invigilator_id: a.role
        for a in InvigilatorAssignment.objects.filter(session=session).exclude(
            status=AssignmentStatus.DECLINED
        )
    }


def _messages(error) -> str:
    return " | ".join(error.value.messages)


# --- Availability and declarations ----------------------------------------------------------


def test_invigilator_marks_own_half_days_audited(day):
    rows = InvigilatorAvailability.objects.filter(invigilator=day.tsai, date=day.date)
    assert {(r.half_day, r.available) for r in rows} == {("am", False), ("pm", True)}
    changed = svc.availability_set(
        actor=day.tsai.user,
        invigilator=day.tsai,
        answers={(day.date, HalfDay.MORNING): True, (day.date, HalfDay.AFTERNOON): True},
    )
    assert changed == 1
    event = AuditEvent.objects.filter(action="invigilator.availability").latest("pk")
    assert event.changes == {f"{day.date.isoformat()} am": [False, True]}


def test_availability_of_someone_else_or_the_past_is_refused(day, world, english):
    with pytest.raises(PermissionDenied):
        svc.availability_set(
            actor=day.chen.user, invigilator=day.lin, answers={(day.date, "am"): False}
        )
    # Another center's manager may not; this center's manager may (below).
    north_manager = UserFactory(email="north.manager@example.org")
    grant(north_manager, world.north.organisation, "center_manager")
    with pytest.raises(PermissionDenied):
        svc.availability_set(
            actor=north_manager, invigilator=day.lin, answers={(day.date, "am"): False}
        )
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="past date"):
        svc.availability_set(
            actor=day.lin.user, invigilator=day.lin, answers={(yesterday, "am"): True}
        )


def test_the_centers_manager_enters_availability_given_by_phone(day, world):
    changed = svc.availability_set(
        actor=world.manager, invigilator=day.lin, answers={(day.date, "am"): False}
    )
    assert changed == 1
    assert not InvigilatorAvailability.objects.get(
        invigilator=day.lin, date=day.date, half_day="am"
    ).available
    event = AuditEvent.objects.filter(action="invigilator.availability").latest("pk")
    assert event.actor == world.manager  # the record says who entered it


def test_unsaid_half_day_counts_as_unavailable(day):
    InvigilatorAvailability.objects.filter(invigilator=day.huang, half_day="pm").delete()
    problem = sel.invigilation_problem(center=day.a.room.venue.center, day=day.date)
    huang = next(j for j in problem.problem.invigilators if j.id == str(day.huang.pk))
    c = next(s for s in problem.problem.sessions if s.id == str(day.c.pk))
    a = next(s for s in problem.problem.sessions if s.id == str(day.a.pk))
    assert eligibility(a, huang) is None
    assert eligibility(c, huang) == "availability"


def test_declaration_saved_and_audited(day):
    svc.invigilator_declare(
        actor=day.wang.user,
        invigilator=day.wang,
        affiliations="  南臺科技大學 \n\n成功大學",
        relatives="王小明",
    )
    day.wang.refresh_from_db()
    assert day.wang.affiliation_list == ["南臺科技大學", "成功大學"]
    assert day.wang.relative_list == ["王小明"]
    assert AuditEvent.objects.filter(
        action="invigilator.declaration", target_id=str(day.wang.pk)
    ).exists()
    with pytest.raises(PermissionDenied):
        svc.invigilator_declare(
            actor=day.chen.user, invigilator=day.wang, affiliations="", relatives=""
        )


def _seat(make_candidate, session, organisation="", name_zh=""):
    user = make_candidate()
    profile = user.candidate_profile
    candidate_profile_save(
        user=user,
        legal_name_zh=name_zh or profile.legal_name_zh,
        legal_name_en=profile.legal_name_en,
        id_number=national_id(5000 + user.pk),
        birth_date=profile.birth_date,
        phone=profile.phone,
        organisation_name=organisation,
    )
    registration_create(candidate=user, session=session)
    return user


def test_conflicts_of_interest_from_school_and_relative(day, make_candidate):
    _seat(make_candidate, day.a, organisation="南臺科技大學 資訊工程系")
    _seat(make_candidate, day.b, name_zh="黃大同")
    svc.invigilator_declare(
        actor=day.wang.user, invigilator=day.wang, affiliations="南臺科技大學", relatives=""
    )
    svc.invigilator_declare(
        actor=day.huang.user, invigilator=day.huang, affiliations="", relatives="黃大同"
    )
    problem = sel.invigilation_problem(center=day.a.room.venue.center, day=day.date).problem
    sessions = {s.id: s for s in problem.sessions}
    invs = {j.id: j for j in problem.invigilators}
    wang, huang = invs[str(day.wang.pk)], invs[str(day.huang.pk)]
    assert eligibility(sessions[str(day.a.pk)], wang) == "conflict_of_interest"
    assert eligibility(sessions[str(day.b.pk)], wang) is None
    assert eligibility(sessions[str(day.b.pk)], huang) == "conflict_of_interest"
    assert eligibility(sessions[str(day.a.pk)], huang) is None
    assert sessions[str(day.a.pk)].candidates == 1


# --- The optimiser's proposal ---------------------------------------------------------------


def test_proposal_is_persisted_valid_balanced_and_audited(day, world, make_candidate):
    _seat(make_candidate, day.a, organisation="南臺科技大學")
    svc.invigilator_declare(
        actor=day.wang.user, invigilator=day.wang, affiliations="南臺科技大學", relatives=""
    )
    summary = svc.roster_propose(actor=world.manager, center=world.south, day=day.date)
    assert summary.created == 6
    assert InvigilatorAssignment.objects.filter(status=AssignmentStatus.PROPOSED).count() == 6
    for session in (day.a, day.b, day.c):
        team = _team(session)
        assert len(team) == 2
        assert list(team.values()).count(InvigilatorRole.CHIEF) == 1
    # Morning: the only four free people, one chief-eligible chief per room; Wang not in A.
    morning = set(_team(day.a)) | set(_team(day.b))
    assert morning == {day.chen.pk, day.lin.pk, day.wang.pk, day.huang.pk}
    assert day.wang.pk not in _team(day.a)
    assert day.tsai.pk in _team(day.c)  # balance: the afternoon goes to the idle person
    loads = [sum(1 for s in (day.a, day.b, day.c) if inv.pk in _team(s)) for inv in day.pool]
    assert max(loads) - min(loads) <= 1
    problem = sel.invigilation_problem(center=world.south, day=day.date)
    rows = sel.as_plan_rows(sel.day_assignments(sessions=problem.sessions))
    assert validate_assignment(problem.problem, rows) == []
    assert AuditEvent.objects.filter(action="invigilation.propose").count() == 3


def test_running_again_replaces_the_proposal(day, world):
    svc.roster_propose(actor=world.manager, center=world.south, day=day.date)
    first = set(InvigilatorAssignment.objects.values_list("pk", flat=True))
    svc.roster_propose(actor=world.manager, center=world.south, day=day.date)
    assert InvigilatorAssignment.objects.count() == 6
    assert not first & set(InvigilatorAssignment.objects.values_list("pk", flat=True))


def test_infeasible_day_is_explained_in_words(day, world):
    svc.availability_set(
        actor=day.chen.user, invigilator=day.chen, answers={(day.date, "am"): False}
    )
    with pytest.raises(svc.RosterInfeasible) as error:
        svc.roster_propose(actor=world.manager, center=world.south, day=day.date)
    text = " ".join(error.value.reasons)
    assert "09:30" in text and ("short" in text or "chief" in text)
    assert not InvigilatorAssignment.objects.exists()


def test_other_centers_manager_cannot_propose(day, world):
    from tests.factories import UserFactory

    north_manager = UserFactory()
    grant(north_manager, world.north.organisation, "center_manager")
    with pytest.raises(PermissionDenied):
        svc.roster_propose(actor=north_manager, center=world.south, day=day.date)
    with pytest.raises(PermissionDenied):
        svc.roster_propose(actor=day.chen.user, center=world.south, day=day.date)


# --- Manual changes, each validated ------------------------------------------------------------


@pytest.fixture
def proposed(day, world):
    svc.roster_propose(actor=world.manager, center=world.south, day=day.date)
    return day


def _assignment(session, inv):
    return InvigilatorAssignment.objects.get(session=session, invigilator=inv)


def test_add_unavailable_person_is_refused_in_words(proposed, world, english):
    day = proposed
    with pytest.raises(ValidationError) as error:
        svc.assignment_add(actor=world.manager, session=day.a, invigilator=day.tsai)
    assert "Tsai is not available for" in _messages(error)
    assert "09:30–11:00" in _messages(error)
    assert day.tsai.pk not in _team(day.a)


def test_add_with_conflict_of_interest_is_refused_in_words(
    proposed, world, make_candidate, english
):
    day = proposed
    _seat(make_candidate, day.c, organisation="成功大學 電機系")
    svc.invigilator_declare(
        actor=day.tsai.user, invigilator=day.tsai, affiliations="", relatives=""
    )
    free = next(inv for inv in day.pool if inv.pk not in _team(day.c))
    svc.invigilator_declare(
        actor=free.user, invigilator=free, affiliations="成功大學", relatives=""
    )
    with pytest.raises(ValidationError) as error:
        svc.assignment_add(actor=world.manager, session=day.c, invigilator=free)
    assert "has a conflict of interest in" in _messages(error)
    assert "成功大學" in _messages(error)


def test_remove_leaving_room_short_or_chiefless_is_refused(proposed, world, english):
    day = proposed
    assistant = InvigilatorAssignment.objects.get(session=day.a, role=InvigilatorRole.ASSISTANT)
    with pytest.raises(ValidationError) as error:
        svc.assignment_remove(actor=world.manager, assignment=assistant)
    assert "it needs 2 (1 short)" in _messages(error)
    assert InvigilatorAssignment.objects.filter(pk=assistant.pk).exists()


def test_double_booking_and_chief_eligibility_refused(proposed, world, english):
    day = proposed
    in_b = next(iter(_team(day.b)))
    from aicert.centers.models import Invigilator

    with pytest.raises(ValidationError) as error:
        svc.assignment_add(
            actor=world.manager, session=day.a, invigilator=Invigilator.objects.get(pk=in_b)
        )
    assert "in two places at once" in _messages(error)
    # Make the non-eligible assistant of A chief.
    assistant = InvigilatorAssignment.objects.get(session=day.a, role=InvigilatorRole.ASSISTANT)
    assert not assistant.invigilator.chief_eligible
    with pytest.raises(ValidationError) as error:
        svc.assignment_make_chief(actor=world.manager, assignment=assistant)
    assert "may not be chief invigilator" in _messages(error)


def test_valid_manual_changes_are_applied_and_audited(proposed, world):
    day = proposed
    # Add a third person in the afternoon, make them chief, then swap them for another.
    spare = next(inv for inv in day.pool if inv.pk not in _team(day.c) and inv.chief_eligible)
    added = svc.assignment_add(actor=world.manager, session=day.c, invigilator=spare)
    assert added.status == AssignmentStatus.PROPOSED and len(_team(day.c)) == 3
    svc.assignment_make_chief(actor=world.manager, assignment=added)
    team = _team(day.c)
    assert team[spare.pk] == InvigilatorRole.CHIEF
    assert list(team.values()).count(InvigilatorRole.CHIEF) == 1
    assistant = InvigilatorAssignment.objects.filter(
        session=day.c, role=InvigilatorRole.ASSISTANT
    ).first()
    other = next(inv for inv in day.pool if inv.pk not in _team(day.c))
    swapped = svc.assignment_swap(actor=world.manager, assignment=assistant, invigilator=other)
    assert swapped.role == InvigilatorRole.ASSISTANT
    assert other.pk in _team(day.c) and assistant.invigilator_id not in _team(day.c)
    svc.assignment_remove(actor=world.manager, assignment=swapped)  # 3 -> 2 still enough
    assert len(_team(day.c)) == 2
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"invigilation.add", "invigilation.chief", "invigilation.swap"} <= actions


def test_swap_to_non_chief_eligible_chief_is_refused(proposed, world, english):
    day = proposed
    chief_c = InvigilatorAssignment.objects.get(session=day.c, role=InvigilatorRole.CHIEF)
    non_chief = next(
        inv for inv in day.pool if not inv.chief_eligible and inv.pk not in _team(day.c)
    )
    with pytest.raises(ValidationError) as error:
        svc.assignment_swap(actor=world.manager, assignment=chief_c, invigilator=non_chief)
    assert "may not be chief invigilator" in _messages(error)


# --- Publication and answers ------------------------------------------------------------------


def test_publish_tells_everyone_and_freezes_the_optimiser(
    proposed, world, english, django_capture_on_commit_callbacks
):
    day = proposed
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        count = svc.roster_publish(actor=world.manager, center=world.south, day=day.date)
    assert count == 6
    assert set(InvigilatorAssignment.objects.values_list("status", flat=True)) == {"published"}
    assert len(mail.outbox) == 6
    # Each in their own language: Tsai reads English, the others Traditional Chinese.
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects.pop(day.tsai.user.email) == "[aicert] A new invigilation duty: please confirm"
    assert set(subjects.values()) == {"[aicert] 新的監試勤務：請確認"}
    with pytest.raises(ValidationError, match="already published"):
        svc.roster_propose(actor=world.manager, center=world.south, day=day.date)
    with pytest.raises(ValidationError, match="nothing to publish"):
        svc.roster_publish(actor=world.manager, center=world.south, day=day.date)


def test_publish_refused_when_a_rule_no_longer_holds(proposed, world, english):
    day = proposed
    person = next(iter(_team(day.a)))
    inv = next(j for j in day.pool if j.pk == person)
    svc.availability_set(actor=inv.user, invigilator=inv, answers={(day.date, "am"): False})
    with pytest.raises(ValidationError) as error:
        svc.roster_publish(actor=world.manager, center=world.south, day=day.date)
    assert f"{inv.user.display_name} is not available for" in _messages(error)
    assert not InvigilatorAssignment.objects.filter(status="published").exists()


@pytest.fixture
def published(proposed, world):
    svc.roster_publish(actor=world.manager, center=world.south, day=proposed.date)
    mail.outbox.clear()
    return proposed


def test_invigilator_confirms_own_duty_only(published, world):
    day = published
    duty = _assignment(day.c, day.tsai)
    other = InvigilatorAssignment.objects.exclude(invigilator=day.tsai).first()
    with pytest.raises(PermissionDenied):
        svc.assignment_confirm(actor=day.tsai.user, assignment=other)
    with pytest.raises(PermissionDenied):
        svc.assignment_confirm(actor=world.manager, assignment=duty)
    with pytest.raises(PermissionDenied):  # the system answers for no one
        svc.assignment_confirm(actor=None, assignment=duty)
    svc.assignment_confirm(actor=day.tsai.user, assignment=duty)
    duty.refresh_from_db()
    assert duty.status == AssignmentStatus.CONFIRMED and duty.responded_at
    assert AuditEvent.objects.filter(action="invigilation.confirm").count() == 1


def test_decline_tells_manager_and_reopens_the_place(
    published, world, english, django_capture_on_commit_callbacks
):
    day = published
    duty = _assignment(day.c, day.tsai)
    with django_capture_on_commit_callbacks(execute=True):
        svc.assignment_decline(actor=day.tsai.user, assignment=duty, reason="Family wedding")
    duty.refresh_from_db()
    assert duty.status == AssignmentStatus.DECLINED
    assert [m.to for m in mail.outbox] == [[world.manager.email]]
    assert "Family wedding" in mail.outbox[0].body
    roster = sel.roster_for_day(center=world.south, day=day.date)
    row_c = next(r for r in roster.rows if r.session.pk == day.c.pk)
    assert row_c.open_places == 1 and [a.pk for a in row_c.declined] == [duty.pk]
    # The decliner cannot be put back; someone else fills the place, published at once.
    with pytest.raises(ValidationError, match="declined this duty"):
        svc.assignment_add(actor=world.manager, session=day.c, invigilator=day.tsai)
    chief = duty.role == InvigilatorRole.CHIEF
    spare = next(
        inv
        for inv in day.pool
        if inv.pk not in _team(day.c) and inv != day.tsai and (inv.chief_eligible or not chief)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        filled = svc.assignment_add(
            actor=world.manager, session=day.c, invigilator=spare, chief=chief
        )
    assert filled.status == AssignmentStatus.PUBLISHED
    assert [m.to for m in mail.outbox] == [[spare.user.email]]
    with pytest.raises(ValidationError, match="Only a published duty"):
        svc.assignment_confirm(actor=day.tsai.user, assignment=duty)


def test_invigilator_duties_helper_for_the_console(published, world):
    day = published
    duties = sel.invigilator_duties(day.tsai.user, day.c)
    assert [d.session.room for d in duties] == [day.c.room]
    assert sel.invigilator_duties(day.tsai.user, day.a) == []
    assert sel.invigilator_duties(world.manager, day.c) == []
    team = sel.session_invigilators(session=day.c)
    assert team[0].role == InvigilatorRole.CHIEF and len(team) == 2


def test_proposals_are_not_shown_to_invigilators(proposed):
    day = proposed
    assert list(sel.my_duties(user=day.chen.user)) == []
