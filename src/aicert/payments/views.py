"""Payment pages: the foundation's reconciliation desk and the candidate's payment instructions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aicert.accounts.permissions import require_permission, user_can
from aicert.payments import selectors, services
from aicert.payments.forms import (
    ManualPaymentForm,
    RefundSentForm,
    StatementUploadForm,
    WaiverForm,
)
from aicert.payments.models import BankStatement, StatementLine
from aicert.registration.models import Registration
from aicert.registration.selectors import registration_get_for_candidate
from aicert.shared.forms import apply_form_errors

# --- Foundation: statements -----------------------------------------------------------------


@login_required
def statement_list(request):
    """Uploaded statements with their outcomes, and the upload form."""
    require_permission(request.user, "payments.view_bankstatement")
    can_upload = user_can(request.user, "payments.reconcile_statement")
    form = StatementUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require_permission(request.user, "payments.reconcile_statement")
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                statement = services.statement_upload(
                    actor=request.user, file_name=upload.name, data=upload.read()
                )
            except ValidationError as error:
                apply_form_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Statement reconciled: %(count)d lines.") % {"count": statement.line_count},
                )
                return redirect("payments:statement_detail", pk=statement.pk)
    return render(
        request,
        "payments/statement_list.html",
        {"statements": selectors.statement_list()[:100], "form": form, "can_upload": can_upload},
    )


@login_required
def statement_detail(request, pk: int):
    """The reconciliation report: each line's outcome."""
    require_permission(request.user, "payments.view_bankstatement")
    statement = get_object_or_404(BankStatement.objects.select_related("uploaded_by"), pk=pk)
    return render(
        request,
        "payments/statement_detail.html",
        {
            "statement": statement,
            "lines": selectors.statement_lines(statement=statement),
            "summary": selectors.statement_summary(statement=statement),
        },
    )


# --- Foundation: one registration's money ---------------------------------------------------


@login_required
def registration_list(request):
    require_permission(request.user, "payments.view_virtualaccount")
    query = request.GET.get("q", "")
    return render(
        request,
        "payments/registration_list.html",
        {"registrations": selectors.registration_payment_search(query=query), "query": query},
    )


def _registration_page(request, pk: int, *, waiver_form=None, payment_form=None, status=200):
    require_permission(request.user, "payments.view_virtualaccount")
    try:
        payments = selectors.registration_payments(pk=pk)
    except Registration.DoesNotExist as exc:
        raise Http404 from exc
    awaiting = payments.registration.status == "pending_payment"
    can_waive = awaiting and user_can(request.user, "payments.grant_waiver")
    can_record = awaiting and user_can(request.user, "payments.record_payment")
    return render(
        request,
        "payments/registration_detail.html",
        {
            "payments": payments,
            "registration": payments.registration,
            "waiver_form": waiver_form or (WaiverForm() if can_waive else None),
            "payment_form": payment_form or (ManualPaymentForm() if can_record else None),
        },
        status=status,
    )


@login_required
def registration_detail(request, pk: int):
    return _registration_page(request, pk)


@login_required
@require_POST
def waiver_grant(request, pk: int):
    require_permission(request.user, "payments.grant_waiver")
    registration = get_object_or_404(Registration, pk=pk)
    form = WaiverForm(request.POST)
    if form.is_valid():
        try:
            services.fee_waiver_grant(
                actor=request.user,
                registration=registration,
                amount=None if form.cleaned_data["full"] else form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(request, _("The waiver is granted."))
            return redirect("payments:registration_detail", pk=pk)
    return _registration_page(request, pk, waiver_form=form, status=400)


@login_required
@require_POST
def payment_record(request, pk: int):
    require_permission(request.user, "payments.record_payment")
    registration = get_object_or_404(Registration, pk=pk)
    form = ManualPaymentForm(request.POST)
    if form.is_valid():
        try:
            services.payment_record_manual(
                actor=request.user, registration=registration, **form.cleaned_data
            )
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(request, _("The payment is recorded."))
            return redirect("payments:registration_detail", pk=pk)
    return _registration_page(request, pk, payment_form=form, status=400)


# --- Foundation: refunds --------------------------------------------------------------------


def _refund_form(kind: str, pk: int, data=None) -> RefundSentForm:
    # One small form per row: ids made unique per row, field names the same for every row.
    return RefundSentForm(
        data,
        auto_id=f"id_refund_{kind}_{pk}_%s",
        initial={"sent_on": timezone.localdate()},
    )


def _refund_page(request, *, failed: tuple[str, int, RefundSentForm] | None = None, status=200):
    require_permission(request.user, "payments.view_refundpayout")
    can_record = user_can(request.user, "payments.record_refund")
    due = selectors.refunds_due()
    rows = []
    for row in due:
        form = None
        if can_record:
            if failed is not None and failed[:2] == (row.kind, row.pk):
                form = failed[2]
            else:
                form = _refund_form(row.kind, row.pk)
        rows.append((row, form))
    return render(
        request,
        "payments/refund_list.html",
        {
            "rows": rows,
            "sent": selectors.refunds_sent(),
            "totals": selectors.refund_totals(due=due),
            "can_record": can_record,
            "failed": failed,
        },
        status=status,
    )


@login_required
def refund_list(request):
    """The refunds worklist: what is still owed (with a form to record each one sent), and what
    was sent recently."""
    return _refund_page(request)


def _refund_record(request, *, kind: str, pk: int, source):
    form = _refund_form(kind, pk, request.POST)
    if form.is_valid():
        try:
            payout = services.refund_record_sent(
                actor=request.user,
                line=source if kind == "line" else None,
                registration=source if kind == "registration" else None,
                sent_on=form.cleaned_data["sent_on"],
                bank_reference=form.cleaned_data["bank_reference"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(
                request,
                _("Refund of NT$%(amount)d recorded as sent on %(date)s.")
                % {"amount": payout.amount, "date": payout.sent_on.isoformat()},
            )
            return redirect("payments:refund_list")
    # Say which field is wrong in the message too: the row's form may be far down the page, or
    # gone from the due list (already recorded).
    problems = [
        f"{form.fields[field].label}: {message}" if field in form.fields else str(message)
        for field, errors in form.errors.items()
        for message in errors
    ]
    messages.error(request, " ".join([_("Nothing was recorded."), *problems]))
    return _refund_page(request, failed=(kind, pk, form), status=400)


@login_required
@require_POST
def refund_record_line(request, pk: int):
    require_permission(request.user, "payments.record_refund")
    line = get_object_or_404(StatementLine, pk=pk)
    return _refund_record(request, kind="line", pk=pk, source=line)


@login_required
@require_POST
def refund_record_registration(request, pk: int):
    require_permission(request.user, "payments.record_refund")
    registration = get_object_or_404(Registration, pk=pk)
    return _refund_record(request, kind="registration", pk=pk, source=registration)


# --- Candidate ------------------------------------------------------------------------------


@login_required
def pay(request, pk: int):
    """How to pay one of my registrations (a 404 for anyone else's)."""
    try:
        registration = registration_get_for_candidate(user=request.user, pk=pk)
    except Registration.DoesNotExist as exc:
        raise Http404 from exc
    return render(
        request,
        "payments/pay.html",
        {
            "registration": registration,
            "instructions": selectors.payment_instructions(registration=registration),
        },
    )
