"""The registration list pages make the same number of queries for few rows as for many."""

from django.urls import reverse

from aicert.registration.services import registration_create
from tests.factories import RegistrationFactory, SubjectFactory
from tests.queries import assert_queries_do_not_grow, matches


def test_my_registrations_queries_do_not_grow_with_registrations(
    client, world, make_session, make_candidate
):
    candidate = make_candidate()

    # Given registrations in sessions of different subjects (one active place a subject):
    # awaiting payment (with a virtual account), and cancelled after paying (a refund owed).
    def register(start, stop):
        for n in range(start, stop):
            subject = SubjectFactory(level=world.associate, duration_minutes=90)
            session = make_session(subject=subject, days=30 + n)
            if n % 2:
                RegistrationFactory(
                    candidate=candidate,
                    session=session,
                    cancelled=True,
                    fee_amount=1000,
                    amount_paid=1000,
                    refund_amount=1000,
                )
            else:
                registration_create(candidate=candidate, session=session)

    # When the candidate lists them, then the count does not grow with the rows.
    client.force_login(candidate)
    assert_queries_do_not_grow(
        client,
        reverse("registration:my_registrations"),
        register,
        rows_shown=matches(r'id="registration-\d+"'),
    )


def test_accommodation_reviews_queries_do_not_grow_with_requests(
    client, world, make_candidate, staff_login
):
    from aicert.registration.services import accommodation_request_decide
    from tests.registration.test_accommodations import ask

    # Given candidates' requests, with documents: every other one already decided,
    def request(start, stop):
        for n in range(start, stop):
            asked = ask(make_candidate())
            if n % 2:
                accommodation_request_decide(
                    actor=world.admin, request_id=asked.pk, approve=True, note="OK"
                )

    # when the foundation lists them (waiting and decided), then the count is flat.
    assert_queries_do_not_grow(
        staff_login(world.admin),
        reverse("registration:accommodation_review_list"),
        request,
        rows_shown=matches(r'/registration/accommodations/review/\d+/"'),
    )
