"""Signed credentials, the issuer profile, status lists and verifying a credential. Thin: the
documents are built in openbadge / keys / status_list, the checks in verification."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from aicert.accounts.permissions import user_can
from aicert.credentials import keys, openbadge, status_list, verification
from aicert.credentials.models import Certificate, SigningKey
from aicert.credentials.verify_forms import CredentialVerifyForm

JSON_LD = "application/ld+json"


def _json_ld(document: dict[str, Any], *, max_age: int = 300, public: bool = True) -> HttpResponse:
    response = JsonResponse(
        document, content_type=JSON_LD, json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    if public:
        # Verifiers and wallets on other sites fetch these documents.
        response["Access-Control-Allow-Origin"] = "*"
        response["Cache-Control"] = f"public, max-age={max_age}"
    return response


@login_required
@require_GET
def credential_json(request: HttpRequest, number: str) -> HttpResponse:
    """The holder's signed OpenBadgeCredential (download, wallet import); the holder's name is
    in it only when the holder asks (``?name=1``)."""
    certificate = (
        Certificate.objects.select_related("level__certification", "holder", "level__pass_rule")
        .filter(number=number)
        .first()
    )
    is_holder = certificate is not None and certificate.holder_id == request.user.pk
    if certificate is None or not (
        is_holder or user_can(request.user, "credentials.view_certificate", certificate)
    ):
        raise Http404
    include_name = is_holder and request.GET.get("name") == "1"
    document = openbadge.credential_signed(certificate, include_name=include_name)
    response = _json_ld(document, public=False)
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = f'attachment; filename="{certificate.number}.json"'
    return response


@require_GET
def issuer(request: HttpRequest) -> HttpResponse:
    """The issuer profile: the controller document of every key it has signed with."""
    return _json_ld(keys.issuer_profile())


@require_GET
def issuer_key(request: HttpRequest, kid: str) -> HttpResponse:
    """One key as a Multikey document (also embedded in the profile as ``<issuer>#<kid>``)."""
    key = SigningKey.objects.filter(kid=kid).first()
    if key is None:
        raise Http404
    return _json_ld(keys.multikey_document(key))


@require_GET
def status_list_view(request: HttpRequest, purpose: str, number: int) -> HttpResponse:
    """The signed BitstringStatusListCredential of one list and purpose."""
    if purpose not in status_list.PURPOSE_STATUS or not status_list.status_list_exists(number):
        raise Http404
    document = status_list.status_list_credential(purpose=purpose, number=number)
    return _json_ld(document, max_age=int(status_list.TTL.total_seconds()))


@require_http_methods(["GET", "POST"])
def verify_json(request: HttpRequest) -> HttpResponse:
    """Public: paste or upload a credential; each check is shown passed or failed by name."""
    report = None
    if request.method == "POST":
        form = CredentialVerifyForm(request.POST, request.FILES)
        if form.is_valid():
            report = verification.credential_verify(form.text)
    else:
        form = CredentialVerifyForm()
    status = 200 if report is not None or request.method == "GET" else 400
    return render(
        request, "credentials/verify_json.html", {"form": form, "report": report}, status=status
    )
