"""A holder's own certificates. Thin: the reads are in selectors."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from aicert.accounts.permissions import user_can
from aicert.credentials import selectors
from aicert.credentials.models import Certificate


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    certificates = [
        (c, selectors.effective_status(c, today))
        for c in selectors.certificates_of_holder(request.user)
    ]
    return render(request, "credentials/mine.html", {"certificates": certificates})


@login_required
def detail(request: HttpRequest, number: str) -> HttpResponse:
    certificate = (
        Certificate.objects.select_related("level", "holder").filter(number=number).first()
    )
    # The holder, or the foundation; anyone else is told nothing exists (no probing numbers).
    if certificate is None or not (
        certificate.holder_id == request.user.pk
        or user_can(request.user, "credentials.view_certificate", certificate)
    ):
        raise Http404
    return render(
        request,
        "credentials/detail.html",
        {
            "certificate": certificate,
            "status": selectors.effective_status(certificate, timezone.localdate()),
            "history": selectors.certificate_history(certificate),
        },
    )
