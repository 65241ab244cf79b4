"""Words for the answers of a certificate check, as people read them."""

from __future__ import annotations

from django.utils.translation import pgettext

from aicert.credentials.models import CertificateStatus
from aicert.credentials.selectors import CHECK_MALFORMED, CHECK_NOT_FOUND


def check_status_label(code: str) -> str:
    if code in CertificateStatus.values:
        return str(CertificateStatus(code).label)
    return {
        CHECK_NOT_FOUND: pgettext("certificate check", "Not found (or the name does not match)"),
        CHECK_MALFORMED: pgettext("certificate check", "Not a certificate number"),
        "error": pgettext("certificate check", "Bad row"),
    }.get(code, code)
