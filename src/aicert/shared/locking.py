"""The platform's one lock order: which rows a transaction may lock after which.

Two transactions that lock the same rows in different orders can wait for each other for ever
(a deadlock; PostgreSQL then aborts one of them). So every service locks rows in the order of
:data:`LOCK_ORDER`, whatever app it lives in: a row of a table earlier in the list before any
row of a table later in it, and several rows of one table in primary-key order. Parents come
before their children (a session before its registrations, a registration before its attempt,
an attempt before its answers' marking tasks and its result).

Every ``select_for_update`` of the platform is in an app's ``locks.py`` (a test checks it):
one helper per locked table, named ``<entity>_row_lock`` (one row) or ``<entity>_rows_lock``
(several, in pk order), each saying in its docstring what it must come after. A lock helper
never takes another lock itself, except to lock a missing parent first (an invigilator
assignment locks its session). The test suite records every transaction's locks and fails
on any pair taken against this order (``tests/conftest.py``).

PostgreSQL takes the locks (``SELECT ... FOR UPDATE OF`` the table, so joined rows stay
free); SQLite serialises every writer, so it never deadlocks and ignores them.
"""

from __future__ import annotations

from collections.abc import Sequence

# Model labels, earliest first. A table not listed here may not be locked.
LOCK_ORDER: tuple[str, ...] = (
    # Reference data, loaded or edited on its own (``update_or_create`` locks the row it finds).
    "centers.region",
    "centers.county",
    "accounts.organisation",
    # The numbering of forms and of scale versions of one subject.
    "catalog.subject",
    # Item-bank review decisions on one item; the forms built from items; the statistics item
    # analysis writes back after a sitting of a form.
    "itembank.item",
    "delivery.form",
    "itembank.itemstatistics",
    "scoring.markerprofile",
    # A person's own records, never locked together with their sessions' rows.
    "registration.candidateprofile",
    "registration.deletionrequest",
    "registration.accommodationrequest",
    "centers.invigilator",
    "scheduling.invigilatoravailability",
    # Exam sessions (in pk order), then what hangs off a session.
    "scheduling.session",
    "scheduling.invigilatorassignment",
    "registration.groupbooking",
    "results.resultrelease",
    "registration.registration",
    "payments.statementline",
    # Exam day and after: an attempt (several: in pk order), then what hangs off it.
    "delivery.attempt",
    "scoring.markingtask",
    "scoring.scoringoverride",
    "scoring.appeal",
    "results.result",
    # A certificate, after the result whose pass issued it (or whose rescore revokes it).
    "credentials.certificate",
    # A CPD record under its certificate's lock (a review may renew the certificate).
    "credentials.cpdrecord",
    # A person's practice test, on its own.
    "selfassess.practiceattempt",
    # Promotion events, then their RSVPs (a place given under its event's lock).
    "promotion.event",
    "promotion.eventrsvp",
    # A person's subscription to a region's news, on its own.
    "promotion.subscription",
    # An employer's API key (its per-minute call count is taken under it), then a contact
    # request between an organisation and a holder.
    "talent.apikey",
    "talent.contactrequest",
    # A job posting, on its own (its employer edits it, the foundation may hide it).
    "talent.jobposting",
)

_RANK = {label: index for index, label in enumerate(LOCK_ORDER)}


def lock_order_problems(labels: Sequence[str]) -> list[str]:
    """What is wrong with one transaction's locks of aicert's tables, taken in the order of
    ``labels`` (model labels; a label may repeat for more rows of one table). Empty when they
    follow the order."""
    problems = []
    highest: str | None = None
    for label in labels:
        if label not in _RANK:
            problems.append(f"{label} is not in the platform's lock order")
            continue
        if highest is not None and _RANK[label] < _RANK[highest]:
            problems.append(f"{label} locked after {highest}")
        if highest is None or _RANK[label] > _RANK[highest]:
            highest = label
    return problems
