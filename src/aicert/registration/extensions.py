"""Where the apps above registration plug in what registration shows or needs of them.

Registration sits below payments (the money) and delivery (exam day) in the layer map, so it
never imports them. What it needs of them it asks through these points, which those apps fill
in their ``AppConfig.ready`` (their ``contributions.py``); with an app left out, registration
still works and shows nothing of it:

* :class:`ArrivalRules`: when check-in opens and when late candidates are turned away, printed
  on admission tickets and in reminders (delivery owns the check-in policy).
* :class:`FeeAdjustments`: fee waivers carried along a transfer, and money paid beyond the fee
  that its bank line already refunds (payments owns both).
* Annotators and template fragments for "My registrations" and the candidate's e-mails (the
  payment due and how to pay, the exam that is open now).

The payments app also hears :class:`aicert.registration.events.RegistrationAwaitingPayment`
to open a payment (a virtual account) in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

# --- arrival times ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ArrivalRules:
    """Minutes before the start that check-in opens, and after it that late arrivals may enter."""

    opens_minutes_before: int = 60
    late_cutoff_minutes: int = 15


_arrival_rules: list[Callable[[], Any]] = []


def arrival_rules_register(provider: Callable[[], Any]) -> None:
    """``provider()`` returns the rules in force (any object with the two attributes)."""
    _arrival_rules[:] = [provider]


def arrival_rules() -> ArrivalRules:
    """The rules in force; the program's defaults when no app provides them."""
    if not _arrival_rules:
        return ArrivalRules()
    rules = _arrival_rules[0]()
    return ArrivalRules(rules.opens_minutes_before, rules.late_cutoff_minutes)


# --- fees --------------------------------------------------------------------------------------


class FeeAdjustments(Protocol):
    """What the fee rules of registration need to know about money it does not hold."""

    def waived(self, *, registration_ids: list[int]) -> int:
        """Fee waived on these registrations (a transfer chain), in NTD."""
        ...

    def overpaid(self, *, registration_ids: list[int]) -> int:
        """Money paid beyond the fee on these registrations, already owed back on its bank line."""
        ...


class _NoAdjustments:
    def waived(self, *, registration_ids: list[int]) -> int:
        return 0

    def overpaid(self, *, registration_ids: list[int]) -> int:
        return 0


_fee_adjustments: list[FeeAdjustments] = []


def fee_adjustments_register(adjustments: FeeAdjustments) -> None:
    _fee_adjustments[:] = [adjustments]


def fee_adjustments() -> FeeAdjustments:
    return _fee_adjustments[0] if _fee_adjustments else _NoAdjustments()


# --- pages and e-mails -------------------------------------------------------------------------

# Slots of "My registrations" (registration/my_registrations.html) and of the candidate's
# notice e-mail (registration/email/notice.txt) where other apps' fragments are included.
SLOT_REFUND = "refund"  # after "Refund NT$…" in the status cell
SLOT_STATUS = "status"  # at the end of the status cell
SLOT_ACTIONS = "actions"  # first in the actions cell
SLOT_NOTICE = "notice"  # after the notice's message, before the session details
SLOTS = (SLOT_REFUND, SLOT_STATUS, SLOT_ACTIONS, SLOT_NOTICE)

RowAnnotator = Callable[..., None]  # (*, user, registrations) -> sets attributes on each row
NoticeContext = Callable[..., dict]  # (*, registration, kind) -> extra template context

_row_annotators: list[RowAnnotator] = []
_notice_contexts: list[NoticeContext] = []
_fragments: dict[str, list[str]] = {slot: [] for slot in SLOTS}


def my_registrations_annotator_register(annotator: RowAnnotator) -> None:
    if annotator not in _row_annotators:
        _row_annotators.append(annotator)


def notice_context_register(provider: NoticeContext) -> None:
    if provider not in _notice_contexts:
        _notice_contexts.append(provider)


def fragment_register(slot: str, template_name: str) -> None:
    """Include ``template_name`` (with the row's or the e-mail's context) at ``slot``."""
    if slot not in _fragments:
        raise ValueError(f"Unknown slot {slot!r}; known: {', '.join(SLOTS)}.")
    if template_name not in _fragments[slot]:
        _fragments[slot].append(template_name)


def my_registrations_annotate(*, user: Any, registrations: list[Any]) -> None:
    for annotate in _row_annotators:
        annotate(user=user, registrations=registrations)


def notice_context(*, registration: Any, kind: str) -> dict:
    context: dict = {}
    for provider in _notice_contexts:
        context.update(provider(registration=registration, kind=kind))
    return context


def fragments() -> dict[str, list[str]]:
    """Slot -> the fragment templates to include there, for the page's or e-mail's context."""
    return {slot: list(names) for slot, names in _fragments.items()}


# --- levels held ---------------------------------------------------------------------------------

# Each returns, of ``level_ids``, the levels the user passed but may not count as held (their
# certificate of it is revoked or suspended). The credentials app fills it.
LevelsWithdrawn = Callable[..., set[int]]
_levels_withdrawn: list[LevelsWithdrawn] = []


def levels_withdrawn_register(provider: LevelsWithdrawn) -> None:
    """``provider(user=, level_ids=)`` names passed levels that do not count as held."""
    _levels_withdrawn[:] = [provider]


def levels_withdrawn(*, user: Any, level_ids: list[int]) -> set[int]:
    """Of ``level_ids``, those the user passed but whose holding is withdrawn (none without an
    app that says so)."""
    if not _levels_withdrawn or not level_ids:
        return set()
    return set(_levels_withdrawn[0](user=user, level_ids=level_ids))
