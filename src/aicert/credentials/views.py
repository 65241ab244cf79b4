"""Certificate pages: the holder's own, the foundation's management, the public verification.

Thin: reads in selectors, writes in services. The public pages only read (# read-only).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aicert.accounts.permissions import user_can
from aicert.credentials import selectors, services, sharing
from aicert.credentials.forms import (
    CpdRecordForm,
    CpdReviewForm,
    PublicationForm,
    SearchForm,
    StatusChangeForm,
    VerifyForm,
)
from aicert.credentials.models import Certificate, CertificateStatus, CpdRecord
from aicert.credentials.pdf import certificate_pdf
from aicert.documents.qr import qr_svg
from aicert.shared.forms import apply_form_errors

VIEW_PERM = "credentials.view_certificate"
STATUS_PERM = "credentials.change_certificate_status"
CPD_PERM = "credentials.review_cpdrecord"


# --- the holder -----------------------------------------------------------------------------------


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    certificates = [
        (c, selectors.effective_status(c, today))
        for c in selectors.certificates_of_holder(request.user)
    ]
    return render(request, "credentials/mine.html", {"certificates": certificates})


def _optional_url(name: str, *args: str) -> str:
    """A link to a page another part of credentials adds (the signed credential): left out
    until it exists."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def linkedin_url(certificate: Certificate, *, cert_url: str) -> str:
    """LinkedIn's "add licence or certification" form, filled in (their documented parameters)."""
    params: dict[str, str | int] = {
        "startTask": "CERTIFICATION_NAME",
        "name": f"{certificate.level.certification.name_en} – {certificate.level.name_en}",
        "organizationName": getattr(settings, "AICERT_PROGRAM_NAME", "aicert"),
        "issueYear": certificate.valid_from.year,
        "issueMonth": certificate.valid_from.month,
        "certUrl": cert_url,
        "certId": certificate.number,
    }
    if certificate.expires_on:
        params["expirationYear"] = certificate.expires_on.year
        params["expirationMonth"] = certificate.expires_on.month
    return "https://www.linkedin.com/profile/add?" + urlencode(params)


def _holder_certificate(request: HttpRequest, number: str) -> Certificate:
    certificate = selectors.certificate_of_holder(holder=request.user, number=number)
    if certificate is None:
        raise Http404
    return certificate


@login_required
def detail(request: HttpRequest, number: str) -> HttpResponse:
    certificate = (
        Certificate.objects.select_related("level__certification", "holder")
        .filter(number=number)
        .first()
    )
    # The holder, or the foundation; anyone else is told nothing exists (no probing numbers).
    is_holder = certificate is not None and certificate.holder_id == request.user.pk
    if certificate is None or not (is_holder or user_can(request.user, VIEW_PERM, certificate)):
        raise Http404
    if not is_holder:
        return redirect("credentials:manage_detail", certificate.number)
    return _holder_page(request, certificate)


def _holder_page(
    request: HttpRequest,
    certificate: Certificate,
    *,
    cpd_form: CpdRecordForm | None = None,
    publication_form: PublicationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    effective = selectors.effective_status(certificate, today)
    share_url = sharing.verification_url(certificate.number)
    level = certificate.level
    cpd_open = (
        bool(level.renewal_cpd_hours)
        and effective == CertificateStatus.ACTIVE
        and services.in_renewal_window(certificate, today)
    )
    return render(
        request,
        "credentials/detail.html",
        {
            "certificate": certificate,
            "status": effective,
            "history": selectors.certificate_history(certificate),
            "is_valid": effective == CertificateStatus.ACTIVE,
            "share_url": share_url,
            "qr_svg": qr_svg(share_url, title=_("QR code of the verification link")),
            "linkedin_url": linkedin_url(certificate, cert_url=share_url),
            "credential_json_url": _optional_url("credentials:credential_json", certificate.number),
            "renewal_opens": services.renewal_window_opens(certificate),
            "cpd_open": cpd_open,
            "cpd_hours": services.cpd_hours_approved(certificate),
            "cpd_records": selectors.cpd_records_of_certificate(certificate),
            "cpd_form": cpd_form or CpdRecordForm(),
            "publication_form": publication_form
            or PublicationForm(initial={"publication": certificate.publication}),
        },
        status=status,
    )


@login_required
def certificate_pdf_download(request: HttpRequest, number: str) -> HttpResponse:
    """The holder's PDF (only while the certificate is valid: a revoked one is not printed)."""
    certificate = _holder_certificate(request, number)
    if selectors.effective_status(certificate, timezone.localdate()) != CertificateStatus.ACTIVE:
        raise Http404
    body = certificate_pdf(certificate, verify_url=sharing.verification_url(certificate.number))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate.number}.pdf"'
    return response


@login_required
def publication_set(request: HttpRequest, number: str) -> HttpResponse:
    certificate = _holder_certificate(request, number)
    if request.method != "POST":
        return redirect("credentials:detail", certificate.number)
    form = PublicationForm(request.POST)
    if not form.is_valid():
        return _holder_page(request, certificate, publication_form=form, status=400)
    services.certificate_publication_set(
        certificate=certificate, publication=form.cleaned_data["publication"], actor=request.user
    )
    messages.success(request, _("Your choice for the public verification page is saved."))
    return redirect("credentials:detail", certificate.number)


@login_required
def cpd_submit(request: HttpRequest, number: str) -> HttpResponse:
    certificate = _holder_certificate(request, number)
    if request.method != "POST":
        return redirect("credentials:detail", certificate.number)
    form = CpdRecordForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.cpd_record_submit(
                certificate=certificate, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(request, _("Your training hours are submitted for review."))
            return redirect("credentials:detail", certificate.number)
    return _holder_page(request, certificate, cpd_form=form, status=400)


@login_required
def cpd_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """A CPD record's certificate of attendance: its holder or a CPD reviewer (404 for anyone
    else, and when there is none)."""
    try:
        record = services.cpd_evidence_open(user=request.user, record_id=pk)
    except (CpdRecord.DoesNotExist, PermissionDenied) as exc:
        raise Http404 from exc
    response = FileResponse(
        record.evidence.open("rb"),
        as_attachment=True,
        filename=record.evidence_name,
        content_type=record.evidence_content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- the foundation -------------------------------------------------------------------------------


@login_required
def manage_list(request: HttpRequest) -> HttpResponse:
    """Every certificate, searchable by number, holder and status."""
    if not user_can(request.user, VIEW_PERM):
        raise PermissionDenied
    form = SearchForm(request.GET or None)
    query, status = "", ""
    if form.is_valid():
        query, status = form.cleaned_data["q"], form.cleaned_data["status"]
    page = Paginator(selectors.certificates_search(query=query, status=status), 50).get_page(
        request.GET.get("page")
    )
    today = timezone.localdate()
    rows = [(c, selectors.effective_status(c, today)) for c in page.object_list]
    params = urlencode({"q": query, "status": status})
    return render(
        request,
        "credentials/manage_list.html",
        {"form": form, "page": page, "rows": rows, "params": params},
    )


@login_required
def manage_detail(request: HttpRequest, number: str) -> HttpResponse:
    """One certificate for the foundation, with the suspend / reinstate / revoke form."""
    certificate = (
        Certificate.objects.select_related("level__certification", "holder")
        .filter(number=number)
        .first()
    )
    if certificate is None or not user_can(request.user, VIEW_PERM, certificate):
        raise Http404
    can_change = user_can(request.user, STATUS_PERM, certificate)
    form = StatusChangeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.certificate_status_change(
                    certificate=certificate,
                    status=form.cleaned_data["status"],
                    reason=form.cleaned_data["reason"],
                    actor=request.user,
                )
            except ValidationError as error:
                apply_form_errors(form, error)
            else:
                messages.success(request, _("The certificate's status is changed."))
                return redirect("credentials:manage_detail", certificate.number)
    return render(
        request,
        "credentials/manage_detail.html",
        {
            "certificate": certificate,
            "status": selectors.effective_status(certificate, timezone.localdate()),
            "history": selectors.certificate_history(certificate).select_related("actor"),
            "cpd_records": selectors.cpd_records_of_certificate(certificate),
            "form": form if can_change else None,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def cpd_queue(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, CPD_PERM):
        raise PermissionDenied
    return render(
        request,
        "credentials/cpd_queue.html",
        {"pending": list(selectors.cpd_queue()), "decided": selectors.cpd_recent_decisions()},
    )


@login_required
def cpd_review(request: HttpRequest, pk: int) -> HttpResponse:
    record = (
        CpdRecord.objects.select_related("certificate__level", "holder", "reviewer")
        .filter(pk=pk)
        .first()
    )
    if record is None or not user_can(request.user, CPD_PERM, record):
        raise Http404
    form = CpdReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cpd_record_review(
                record=record,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(request, _("The decision is saved."))
            return redirect("credentials:cpd_queue")
    certificate = record.certificate
    return render(
        request,
        "credentials/cpd_review.html",
        {
            "record": record,
            "certificate": certificate,
            "approved_hours": services.cpd_hours_approved(certificate),
            "form": form
            if record.status == "submitted" and record.holder_id != request.user.pk
            else None,
        },
        status=400 if request.method == "POST" else 200,
    )


# --- the public -----------------------------------------------------------------------------------


def _client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _over_rate_limit(request: HttpRequest) -> bool:
    """Count one look-up for this address; True past the limit (stops enumerating numbers).

    A fixed window per address in the cache (a shared cache in production, so every web
    process counts together).
    """
    limit = int(getattr(settings, "CREDENTIALS_VERIFY_LIMIT", 30))
    window = int(getattr(settings, "CREDENTIALS_VERIFY_WINDOW_SECONDS", 600))
    slot = int(timezone.now().timestamp()) // window
    key = f"credentials:verify:{_client_ip(request)}:{slot}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit


def _limited(request: HttpRequest, form: VerifyForm) -> HttpResponse:
    return render(request, "credentials/verify.html", {"form": form, "limited": True}, status=429)


def verify(request: HttpRequest) -> HttpResponse:
    """The public check by number and the holder's name (# read-only)."""
    form = VerifyForm(request.GET or None)
    result = None
    if form.is_bound and form.is_valid():
        if _over_rate_limit(request):
            return _limited(request, form)
        result = selectors.public_verification(
            number=form.cleaned_data["number"], holder_name=form.cleaned_data["name"]
        )
    return render(request, "credentials/verify.html", {"form": form, "result": result})


def verify_number(request: HttpRequest, number: str) -> HttpResponse:
    """From a QR code or share link: the token opens the result without typing the name."""
    token = request.GET.get("t", "")[:64]
    form = VerifyForm(initial={"number": number})
    if _over_rate_limit(request):
        return _limited(request, form)
    result = selectors.public_verification(number=number, token=token)
    if not result.found:
        # A wrong or missing token: ask for the name, as for a number typed by hand.
        return render(request, "credentials/verify.html", {"form": form, "ask_name": True})
    return render(request, "credentials/verify.html", {"form": form, "result": result})
