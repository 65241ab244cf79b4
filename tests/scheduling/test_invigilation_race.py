"""Two managers' clicks at once never book one invigilator in two rooms (PostgreSQL only)."""

from django.core.exceptions import ValidationError

from aicert.scheduling import invigilation_services as svc
from aicert.scheduling.models import InvigilatorAssignment
from tests.race import RACE, run_together

pytestmark = RACE


def test_concurrent_adds_to_overlapping_rooms_book_the_person_once(day, world):
    svc.roster_propose(actor=world.manager, center=world.south, day=day.date)
    svc.availability_set(
        actor=day.tsai.user, invigilator=day.tsai, answers={(day.date, "am"): True}
    )

    def add(session):
        def job():
            try:
                svc.assignment_add(actor=world.manager, session=session, invigilator=day.tsai)
                return "added"
            except ValidationError as error:
                return " ".join(error.messages)

        return job

    outcomes = run_together([add(day.a), add(day.b)])

    assert outcomes.count("added") == 1, outcomes
    refused = next(o for o in outcomes if o != "added")
    assert "Tsai" in refused
    morning = InvigilatorAssignment.objects.filter(invigilator=day.tsai, session__in=[day.a, day.b])
    assert morning.count() == 1
