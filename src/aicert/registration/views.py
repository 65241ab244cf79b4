"""Candidate pages: profile and consent, registering, my registrations, my data."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aicert.registration import extensions, selectors, services
from aicert.registration.forms import (
    CancelForm,
    CandidateProfileForm,
    DeletionRequestForm,
    RegisterForm,
    TransferForm,
)
from aicert.registration.models import PRIVACY_NOTICE_VERSION, Registration, RegistrationStatus
from aicert.scheduling.models import Session
from aicert.scheduling.selectors import session_get_for_registering, session_get_public
from aicert.shared.forms import apply_form_errors


def _data(request):
    """The POST data of a form submission (even an empty one), None on GET."""
    return request.POST if request.method == "POST" else None


def _own_registration(user, pk: int) -> Registration:
    """A registration of the signed-in candidate; anyone else's is a 404."""
    try:
        return selectors.registration_get_for_candidate(user=user, pk=pk)
    except Registration.DoesNotExist as exc:
        raise Http404 from exc


def privacy_notice(request):
    return render(
        request, "registration/privacy_notice.html", {"notice_version": PRIVACY_NOTICE_VERSION}
    )


@login_required
def profile(request):
    """The candidate profile and, when not yet given, consent to the privacy notice."""
    user = request.user
    current = selectors.profile_get(user=user)
    consent_needed = not selectors.consent_is_current(user=user)
    initial = {}
    if current is not None:
        initial = {
            "legal_name_zh": current.legal_name_zh,
            "legal_name_en": current.legal_name_en,
            "birth_date": current.birth_date,
            "phone": current.phone,
            "county": current.county,
            "organisation_name": current.organisation_name,
            "gender": current.gender,
        }
    form = CandidateProfileForm(
        _data(request), initial=initial, profile=current, consent_needed=consent_needed
    )
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.candidate_profile_save(user=user, **form.service_data())
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            if consent_needed:
                services.consent_give(user=user)
            messages.success(request, _("Your profile is saved."))
            return redirect(next_url or "registration:my_registrations")
    return render(
        request,
        "registration/profile.html",
        {
            "form": form,
            "profile": current,
            "consent_needed": consent_needed,
            "notice_version": PRIVACY_NOTICE_VERSION,
            "next": next_url,
        },
    )


@login_required
def register(request, session_pk: int):
    """Confirm a registration for a session (or a place on its waiting list)."""
    user = request.user
    profile_url = f"{reverse('registration:profile')}?next={request.path}"
    form = RegisterForm(_data(request))
    if request.method == "POST":
        # The service checks everything under the session lock; no extra reads here (rush hour).
        try:
            session = session_get_for_registering(pk=session_pk)
        except Session.DoesNotExist as exc:
            raise Http404 from exc
        if form.is_valid():
            try:
                registration = services.registration_create(
                    candidate=user,
                    session=session,
                    group_code=form.cleaned_data["group_code"],
                    join_waitlist=form.cleaned_data["join_waitlist"],
                )
            except ValidationError as error:
                if getattr(error, "code", None) in ("no_profile", "no_consent"):
                    messages.info(request, error.messages[0])
                    return redirect(profile_url)
                apply_form_errors(form, error)
            else:
                if registration.status == RegistrationStatus.WAITLISTED:
                    messages.success(request, _("You are on the waiting list."))
                else:
                    messages.success(request, _("You are registered."))
                return redirect("registration:my_registrations")
    elif selectors.profile_get(user=user) is None or not selectors.consent_is_current(user=user):
        messages.info(
            request,
            _("Before registering, complete your candidate profile and accept the privacy notice."),
        )
        return redirect(profile_url)
    try:
        session = session_get_public(pk=session_pk)  # with seats left, as they are now
    except Session.DoesNotExist as exc:
        raise Http404 from exc
    return render(
        request,
        "registration/register.html",
        {
            "session": session,
            "form": form,
            "full": session.seats_left <= 0,
            "open": session.registration_open(),
            "policy": selectors.refund_policy_current(),
        },
    )


@login_required
def my_registrations(request):
    registrations = list(selectors.registration_list_for_candidate(user=request.user))
    now = timezone.now()
    # The apps above registration add theirs to each row (the open exam, the payment due).
    extensions.my_registrations_annotate(user=request.user, registrations=registrations)
    for registration in registrations:
        registration.can_cancel = registration.is_active and registration.status != "checked_in"
        registration.can_transfer = registration.status in ("pending_payment", "confirmed")
        registration.offer_open = (
            registration.status == "offered" and registration.offer_expires_at > now
        )
        registration.ticket_available = selectors.registration_ticket_available(
            registration, now=now
        )
    return render(
        request,
        "registration/my_registrations.html",
        {
            "registrations": registrations,
            "profile": selectors.profile_get(user=request.user),
            "deletion_pending": selectors.deletion_request_pending(user=request.user),
            "fragments": extensions.fragments(),
        },
    )


@login_required
def registration_cancel(request, pk: int):
    registration = _own_registration(request.user, pk)
    form = CancelForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_cancel(
                actor=request.user,
                registration=registration,
                documented=form.cleaned_data["documented"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(request, _("Your registration is cancelled."))
            return redirect("registration:my_registrations")
    return render(
        request,
        "registration/cancel.html",
        {
            "registration": registration,
            "form": form,
            "quote": selectors.refund_quote(registration=registration),
            "quote_documented": selectors.refund_quote(registration=registration, documented=True),
            "policy": selectors.refund_policy_current(),
        },
    )


@login_required
def registration_transfer(request, pk: int):
    registration = _own_registration(request.user, pk)
    targets = selectors.transfer_targets(registration=registration)
    for target in targets:
        target.label = (
            f"{timezone.localtime(target.starts_at):%Y-%m-%d %H:%M} · "
            f"{target.room.venue.center} · {target.room.venue} {target.room.local_name} "
            f"({target.seats_left})"
        )
    form = TransferForm(_data(request), targets=targets)
    if request.method == "POST" and form.is_valid():
        target = next(t for t in targets if t.pk == form.cleaned_data["target"])
        try:
            services.registration_transfer(
                actor=request.user, registration=registration, target_session=target
            )
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(request, _("Your registration has moved."))
            return redirect("registration:my_registrations")
    return render(
        request,
        "registration/transfer.html",
        {"registration": registration, "form": form, "targets": targets},
    )


@login_required
@require_POST
def registration_accept_offer(request, pk: int):
    registration = _own_registration(request.user, pk)
    try:
        services.registration_accept_offer(actor=request.user, registration=registration)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The seat is yours."))
    return redirect("registration:my_registrations")


@login_required
def data_export(request):
    """Download everything we hold about me, as JSON."""
    data = selectors.candidate_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="aicert-my-data.json"'
    return response


@login_required
def deletion_request(request):
    form = DeletionRequestForm(_data(request))
    pending = selectors.deletion_request_pending(user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.deletion_request_create(user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(
                request, _("Your deletion request is recorded. The foundation will contact you.")
            )
            return redirect("registration:my_registrations")
    return render(request, "registration/deletion_request.html", {"form": form, "pending": pending})
