import csv
import io

import pytest

from tests.scheduling.fixtures import (  # noqa: F401
    make_candidate,
    make_session,
    world,
)

HEADER = "交易日期,交易時間,虛擬帳號,入帳金額,付款人,銀行交易序號"


def statement_csv(*rows: tuple, header: str = HEADER, encoding: str = "utf-8-sig") -> bytes:
    """A bank statement file: rows of (date, time, account, amount, payer, reference)."""
    out = io.StringIO()
    writer = csv.writer(out)  # quotes "1,200" like the bank does
    for row in rows:
        writer.writerow(row)
    return (header + "\r\n" + out.getvalue()).encode(encoding)


@pytest.fixture
def pending(make_session, make_candidate):  # noqa: F811
    """A registration awaiting its NT$1000 fee, with its virtual account."""
    from aicert.registration.services import registration_create

    def make(session=None, **kwargs):
        return registration_create(
            candidate=make_candidate(**kwargs), session=session or make_session()
        )

    return make
