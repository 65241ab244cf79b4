"""The item bank's list pages make the same number of queries for few rows as for many."""

from django.urls import reverse

from aicert.itembank import services
from tests.queries import assert_queries_do_not_grow, matches


def test_review_queue_queries_do_not_grow_with_assignments(world, make_item, login):
    # Given items submitted by the writer and assigned to the reviewer,
    def assign(start, stop):
        for _ in range(start, stop):
            item = make_item()
            services.item_submit(actor=world.writer, item=item)
            services.review_assign(actor=world.lead, item=item, reviewer=world.reviewer)

    # when the reviewer opens the queue with 2 and then 7 of them, then the count is flat.
    assert_queries_do_not_grow(
        login(world.reviewer),
        reverse("itembank:review_queue"),
        assign,
        rows_shown=matches(r"/items/reviews/\d+/"),
    )
