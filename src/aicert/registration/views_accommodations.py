"""Accommodation pages: the candidate's requests and documents, the foundation's review.

Health data: a request's details and documents are shown only to the candidate who made it and
to users who may review accommodations (foundation admins); everyone else gets a 404, so not
even the existence of a request leaks. Center managers see only the resulting needs, on the
seat list (:mod:`aicert.registration.views_tickets`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aicert.accounts.permissions import user_can
from aicert.registration import selectors, services
from aicert.registration.forms import AccommodationDecisionForm, AccommodationRequestForm
from aicert.registration.models import (
    HEALTH_CONSENT_VERSION,
    AccommodationDocument,
    AccommodationRequest,
    AccommodationStatus,
)
from aicert.shared.forms import apply_form_errors

REVIEW_PERM = "registration.view_accommodationrequest"
DECIDE_PERM = "registration.decide_accommodationrequest"


@login_required
def accommodations(request):
    """The candidate's accommodation requests and, when none is pending, the request form."""
    user = request.user
    requests = list(selectors.accommodation_requests_for_candidate(user=user))
    pending = any(r.status == AccommodationStatus.PENDING for r in requests)
    form = None
    if not pending:
        form = AccommodationRequestForm(
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.accommodation_request_create(user=user, **form.service_data())
            except ValidationError as error:
                apply_form_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Your request is sent. We will email you when it has been reviewed."),
                )
                return redirect("registration:accommodations")
    elif request.method == "POST":
        messages.error(request, _("You already have a request waiting for review."))
        return redirect("registration:accommodations")
    return render(
        request,
        "registration/accommodations.html",
        {
            "requests": requests,
            "form": form,
            "health_consent_version": HEALTH_CONSENT_VERSION,
        },
    )


@login_required
@require_POST
def accommodation_withdraw(request, pk: int):
    try:
        services.accommodation_request_withdraw(user=request.user, request_id=pk)
    except (AccommodationRequest.DoesNotExist, PermissionDenied) as exc:
        raise Http404 from exc
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your request is withdrawn."))
    return redirect("registration:accommodations")


@login_required
def accommodation_document(request, pk: int):
    """Download a supporting document: its candidate or a reviewer only (404 for anyone else)."""
    try:
        document = services.accommodation_document_open(user=request.user, document_id=pk)
    except (AccommodationDocument.DoesNotExist, PermissionDenied) as exc:
        raise Http404 from exc
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def accommodation_review_list(request):
    """The foundation's queue: pending requests first come, first served, and recent decisions."""
    if not user_can(request.user, REVIEW_PERM):
        raise PermissionDenied
    return render(
        request,
        "registration/accommodation_review_list.html",
        {
            "pending": list(selectors.accommodation_requests_for_review()),
            "decided": list(
                selectors.accommodation_requests_for_review(status=None)
                .exclude(status=AccommodationStatus.PENDING)
                .order_by("-decided_at", "-pk")[:50]
            ),
        },
    )


@login_required
def accommodation_review(request, pk: int):
    """One request with its documents; a reviewer approves or rejects it with a note."""
    if not user_can(request.user, REVIEW_PERM):
        raise PermissionDenied
    try:
        accommodation = selectors.accommodation_requests_for_review(status=None).get(pk=pk)
    except AccommodationRequest.DoesNotExist as exc:
        raise Http404 from exc
    can_decide = (
        accommodation.status == AccommodationStatus.PENDING
        and user_can(request.user, DECIDE_PERM)
        and accommodation.candidate_id != request.user.pk
    )
    form = AccommodationDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.accommodation_request_decide(
                    actor=request.user,
                    request_id=accommodation.pk,
                    approve=form.cleaned_data["decision"] == "approve",
                    note=form.cleaned_data["note"],
                    valid_until=form.cleaned_data["valid_until"],
                )
            except ValidationError as error:
                apply_form_errors(form, error)
            else:
                messages.success(request, _("Decision saved; the candidate is emailed."))
                return redirect("registration:accommodation_review_list")
    profile = getattr(accommodation.candidate, "candidate_profile", None)
    return render(
        request,
        "registration/accommodation_review.html",
        {
            "accommodation": accommodation,
            "profile": profile,
            "form": form if can_decide else None,
        },
    )
