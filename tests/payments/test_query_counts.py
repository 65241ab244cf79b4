"""The bank statement list makes the same number of queries for few statements as for many."""

from django.urls import reverse

from aicert.accounts.roles import Role
from aicert.payments.services import statement_upload
from tests.factories import person
from tests.payments.conftest import statement_csv
from tests.payments.test_refunds import _row
from tests.queries import assert_queries_do_not_grow, matches


def test_statement_list_queries_do_not_grow_with_statements(world, pending, staff_login):
    # Given statements uploaded by different clerks, each paying one registration (and the
    # odd ones overpaying it, with a refund due) and naming one unknown account,
    def upload(start, stop):
        for n in range(start, stop):
            clerk = person(f"clerk{n}", Role.FOUNDATION_ADMIN, world.foundation)
            registration = pending()
            data = statement_csv(
                _row(registration.virtual_account.number, 1000 + 300 * (n % 2), f"TX{n}"),
                _row("99999999999999", 500, f"UNKNOWN{n}"),
            )
            statement_upload(actor=clerk, file_name=f"s{n}.csv", data=data)

    # when the foundation admin lists them, then the count does not grow with the rows.
    assert_queries_do_not_grow(
        staff_login(world.admin),
        reverse("payments:statement_list"),
        upload,
        rows_shown=matches(r'data-statement="\d+"'),
    )
