"""Invigilator assignment: the solver's plan obeys every rule; edits are checked in words."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from aicert.optimize.explain import InfeasibleError
from aicert.optimize.invigilation import (
    Assignment,
    InvigilationProblem,
    Invigilator,
    RoomSession,
    TimeWindow,
    assign_invigilators,
    precheck_invigilation,
    validate_assignment,
)

DAY = datetime(2026, 12, 5, tzinfo=UTC)


def at(hour: float, day: int = 0) -> datetime:
    return DAY + timedelta(days=day, hours=hour)


def window(start: float, end: float, day: int = 0) -> TimeWindow:
    return TimeWindow(at(start, day), at(end, day))


def session(sid, room, start, end, candidates=20, region="North", center="Centre A", orgs=()):
    return RoomSession(
        id=sid,
        room=room,
        center=center,
        region=region,
        window=window(start, end),
        candidates=candidates,
        candidate_affiliations=frozenset(orgs),
    )


def person(pid, region="North", chief=False, avail=((7, 20),), orgs=(), max_sessions=None):
    return Invigilator(
        id=pid,
        region=region,
        name=f"Inv {pid}",
        chief_eligible=chief,
        availability=tuple(window(a, b) for a, b in avail),
        affiliations=frozenset(orgs),
        max_sessions=max_sessions,
    )


def random_problem(seed: int = 0) -> InvigilationProblem:
    """2 regions, overlapping slots, partial availability, COI, 50% chief-eligible."""
    rng = np.random.default_rng(seed)
    orgs = [f"Org{k}" for k in range(12)]
    slots = [(9, 11), (10, 12), (11, 13), (14, 16), (15, 17)]
    sessions = []
    for region in ("North", "South"):
        for r in range(4):
            for a, b in slots[r % 2 :: 2]:
                sessions.append(
                    session(
                        f"{region[0]}{r}-{a}",
                        f"Room {300 + r}",
                        a,
                        b,
                        candidates=int(rng.integers(5, 75)),
                        region=region,
                        center=f"{region} centre",
                        orgs=rng.choice(orgs, 3, replace=False),
                    )
                )
    people = []
    for j in range(48):
        region = "North" if j % 2 else "South"
        avail = ((7, 20),) if rng.random() < 0.7 else ((8, 13),)
        people.append(
            person(
                f"P{j:02d}",
                region,
                chief=bool(rng.random() < 0.5),
                avail=avail,
                orgs=rng.choice(orgs, int(rng.integers(0, 2)), replace=False),
            )
        )
    return InvigilationProblem(tuple(sessions), tuple(people))


@pytest.fixture(scope="module")
def solved():
    problem = random_problem()
    return problem, assign_invigilators(problem)


def test_staffing_ratio_and_minimum(solved):
    problem, plan = solved
    team = Counter(a.session_id for a in plan.assignments)
    for s in problem.sessions:
        need = max(2, -(-s.candidates // 30))
        assert problem.required(s) == need
        assert team[s.id] == need
    assert any(problem.required(s) == 3 for s in problem.sessions)


def test_exactly_one_chief_who_is_eligible(solved):
    problem, plan = solved
    invs = {j.id: j for j in problem.invigilators}
    chiefs = Counter(a.session_id for a in plan.assignments if a.chief)
    assert all(chiefs[s.id] == 1 for s in problem.sessions)
    assert all(invs[a.invigilator_id].chief_eligible for a in plan.assignments if a.chief)
    assert all(plan.for_session(s.id)[0].chief for s in problem.sessions)


def test_availability_region_and_conflict_of_interest(solved):
    problem, plan = solved
    invs = {j.id: j for j in problem.invigilators}
    sessions = {s.id: s for s in problem.sessions}
    for a in plan.assignments:
        s, inv = sessions[a.session_id], invs[a.invigilator_id]
        assert inv.region == s.region
        assert any(w.start <= s.window.start and s.window.end <= w.end for w in inv.availability)
        assert not inv.affiliations & s.candidate_affiliations


def test_no_double_booking(solved):
    problem, plan = solved
    sessions = {s.id: s for s in problem.sessions}
    booked = defaultdict(list)
    for a in plan.assignments:
        booked[a.invigilator_id].append(sessions[a.session_id].window)
    for windows in booked.values():
        for i, w1 in enumerate(windows):
            for w2 in windows[i + 1 :]:
                assert not (w1.start < w2.end and w2.start < w1.end)


def test_plan_passes_validation_and_reports(solved):
    problem, plan = solved
    assert validate_assignment(problem, plan) == []
    assert validate_assignment(problem, list(plan.assignments)) == []
    assert plan.status == "optimal"
    assert plan.gap is not None and plan.gap <= 1e-4
    loads = dict(plan.loads)
    assert sum(loads.values()) == len(plan.assignments)
    assert plan.max_load == max(loads.values())


def test_workload_balanced_when_everyone_is_interchangeable():
    sessions = tuple(
        session(f"S{k}", f"Room {k}", 9 + 3 * (k // 4), 11 + 3 * (k // 4), candidates=40)
        for k in range(12)
    )  # 3 slots x 4 rooms, 2 invigilators each = 24 duties
    people = tuple(person(f"P{j}", chief=j < 5) for j in range(10))
    plan = assign_invigilators(InvigilationProblem(sessions, people))
    loads = [n for _, n in plan.loads]
    assert sum(loads) == 24
    assert max(loads) - min(loads) <= 1
    assert (plan.max_load, plan.min_load) == (3, 2)


def test_touching_windows_and_ratio_parameters():
    sessions = (
        session("A", "Room 1", 9, 11, candidates=45),
        session("B", "Room 1", 11, 13, candidates=45),
    )
    people = (person("P1", chief=True), person("P2"), person("P3", chief=True))
    problem = InvigilationProblem(sessions, people, ratio=15, min_per_room=1)
    assert [problem.required(s) for s in sessions] == [3, 3]
    plan = assign_invigilators(problem)  # 9-11 and 11-13 touch but do not overlap
    assert dict(plan.loads) == {"P1": 2, "P2": 2, "P3": 2}
    assert validate_assignment(problem, plan) == []


def test_max_sessions_respected():
    sessions = tuple(session(f"S{k}", "Room 1", 8 + 2 * k, 10 + 2 * k) for k in range(4))
    people = (
        person("Busy", chief=True, max_sessions=1),
        person("C2", chief=True),
        person("C3", chief=True),
        person("C4"),
    )
    plan = assign_invigilators(InvigilationProblem(sessions, people))
    assert dict(plan.loads)["Busy"] <= 1


# --- infeasibility explained in words -----------------------------------------------------------


def test_room_short_names_room_and_shortfall():
    sessions = (session("S1", "Room 301", 9, 12, candidates=65, orgs={"Acme"}),)
    people = (
        person("P1", chief=True),
        person("P2", avail=((13, 18),)),
        person("P3", avail=((7, 10),)),
        person("P4", orgs={"Acme"}),
        person("P5", region="South"),
    )
    with pytest.raises(InfeasibleError) as err:
        assign_invigilators(InvigilationProblem(sessions, people))
    assert err.value.stage == "precheck"
    assert err.value.reasons == [
        "Room 301 (Centre A) on 2026-12-05 09:00 needs 3 invigilators but only 1 is eligible "
        "and available (2 short; of 4 invigilators in region North, 2 are not available at "
        "that time, 1 has a conflict of interest)."
    ]


def test_no_chief_available():
    sessions = (session("S1", "Room 12", 9, 11),)
    people = (person("P1"), person("P2"), person("C1", chief=True, avail=((12, 18),)))
    reasons = precheck_invigilation(InvigilationProblem(sessions, people))
    assert reasons == [
        "No chief-eligible invigilator is available for Room 12 (Centre A) on 2026-12-05 09:00 "
        "(1 chief-eligible invigilator in region North, none eligible and available then)."
    ]


def test_simultaneous_rooms_short():
    sessions = tuple(session(f"S{k}", f"Room {k}", 9, 11) for k in range(3))
    people = tuple(person(f"P{j}", chief=j < 3) for j in range(5))
    reasons = precheck_invigilation(InvigilationProblem(sessions, people))
    assert reasons == [
        "On 2026-12-05 09:00–11:00 in region North, 3 room-sessions run at the same time and need 6 "
        "invigilators, but only 5 different invigilators are eligible and available for them "
        "(1 short)."
    ]


def test_elastic_names_the_room_left_short():
    # Each room alone and the time slot as a whole pass the counting checks, but Rooms B and C
    # both depend on the same single person.
    sessions = (
        session("A", "Room A", 9, 11),
        session("B", "Room B", 9, 11, orgs={"Beta"}),
        session("C", "Room C", 9, 11, orgs={"Gamma"}),
    )
    people = (
        person("P1", chief=True),  # the only one eligible for B and C
        person("P2", chief=True, orgs={"Beta", "Gamma"}),  # only A
        person("P3", chief=True, orgs={"Beta", "Gamma"}),  # only A
    )
    problem = InvigilationProblem(sessions, people, min_per_room=1)
    assert precheck_invigilation(problem) == []
    with pytest.raises(InfeasibleError) as err:
        assign_invigilators(problem)
    assert err.value.stage == "elastic"
    text = " ".join(err.value.reasons)
    assert "Room B (Centre A) on 2026-12-05 09:00" in text or "Room C (Centre A)" in text
    assert "(1 short)" in text


# --- validate_assignment catches each rule ------------------------------------------------------


@pytest.fixture
def small():
    sessions = (
        session("M", "Room 1", 9, 11, candidates=50, orgs={"Acme"}),
        session("N", "Room 2", 10, 12, candidates=20),
        session("S", "Room 9", 9, 11, region="South", center="Centre S"),
    )
    people = (
        person("C1", chief=True),
        person("C2", chief=True),
        person("P3"),
        person("P4", orgs={"Acme"}),
        person("P5", avail=((13, 18),)),
        person("P6", max_sessions=0),
        person("SC", region="South", chief=True),
        person("SP", region="South"),
    )
    problem = InvigilationProblem(sessions, people)
    valid = [
        Assignment("M", "C1", chief=True),
        Assignment("M", "P3"),
        Assignment("N", "C2", chief=True),
        Assignment("N", "P4"),
        Assignment("S", "SC", chief=True),
        Assignment("S", "SP"),
    ]
    return problem, valid


def rules(problem, assignment) -> set[str]:
    return {v.rule for v in validate_assignment(problem, assignment)}


def test_validate_accepts_valid_and_extra_staff(small):
    problem, valid = small
    assert validate_assignment(problem, valid) == []
    assert validate_assignment(problem, [*valid, Assignment("S", "C1")]) != []
    extra = InvigilationProblem(problem.sessions, (*problem.invigilators, person("P7")))
    assert validate_assignment(extra, [*valid, Assignment("N", "P7")]) == []


def test_validate_staffing_in_words(small):
    problem, valid = small
    short = [a for a in valid if a.invigilator_id != "P4"]
    assert [str(v) for v in validate_assignment(problem, short)] == [
        "Room 2 (Centre A) on 2026-12-05 10:00 has 1 invigilator for 20 candidates; it needs 2 "
        "(1 short)."
    ]


@pytest.mark.parametrize(
    ("extra", "rule"),
    [
        (Assignment("N", "C2"), "duplicate"),
        (Assignment("N", "P3"), "double_booking"),
        (Assignment("N", "P5"), "availability"),
        (Assignment("M", "P4"), "conflict_of_interest"),
        (Assignment("M", "SP"), "region"),
        (Assignment("N", "ghost"), "unknown"),
        (Assignment("N", "P6"), "max_sessions"),
        (Assignment("N", "P3", chief=True), "chief"),
    ],
)
def test_validate_catches_each_rule(small, extra, rule):
    problem, valid = small
    violations = validate_assignment(problem, [*valid, extra])
    assert rule in {v.rule for v in violations}
    hit = next(v for v in violations if v.rule == rule)
    assert hit.message and hit.message == str(hit)
    if rule not in {"unknown", "max_sessions", "chief"}:
        assert hit.session_id == extra.session_id
        assert hit.invigilator_id == extra.invigilator_id


def test_validate_chief_rules_and_messages(small):
    problem, valid = small
    no_chief = [dataclasses.replace(a, chief=False) if a.session_id == "M" else a for a in valid]
    assert [str(v) for v in validate_assignment(problem, no_chief)] == [
        "Room 1 (Centre A) on 2026-12-05 09:00 has no chief invigilator."
    ]
    two = [dataclasses.replace(a, chief=True) if a.session_id == "M" else a for a in valid]
    violations = validate_assignment(problem, two)
    assert {v.rule for v in violations} == {"chief", "chief_eligibility"}
    assert any("has 2 chief invigilators (Inv C1, Inv P3)" in v.message for v in violations)
    assert any("Inv P3 is chief of Room 1" in v.message for v in violations)

    double = validate_assignment(problem, [*valid, Assignment("N", "P3")])
    assert [v.message for v in double] == [
        "Inv P3 is booked in two places at once: Room 1 (Centre A) on 2026-12-05 09:00 and "
        "Room 2 (Centre A) on 2026-12-05 10:00."
    ]
    coi = [v for v in validate_assignment(problem, [*valid, Assignment("M", "P4")])]
    assert (
        "Inv P4 has a conflict of interest in Room 1 (Centre A) on 2026-12-05 09:00: "
        "declared affiliation 'Acme' is shared with candidates in the room."
        in [v.message for v in coi]
    )


def test_inputs_are_validated():
    with pytest.raises(ValueError):
        TimeWindow(at(10), at(9))
    with pytest.raises(ValueError):
        InvigilationProblem((session("A", "R", 9, 10), session("A", "R", 11, 12)), ())
    with pytest.raises(ValueError):
        InvigilationProblem((), (), ratio=0)
    merged = person("X", avail=((8, 10), (10, 12), (11, 13)))
    assert merged.availability == (window(8, 13),)
    assert merged.is_available(window(9, 12.5))
