"""Absolute links for what leaves the site (e-mails), where there is no request to build them."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def absolute_url(path: str) -> str:
    """``path`` on the site people use (``AICERT_SITE_URL``, required in production)."""
    return f"{settings.AICERT_SITE_URL.rstrip('/')}{path}"


def absolute_reverse(viewname: str, *args, **kwargs) -> str:
    return absolute_url(reverse(viewname, args=args or None, kwargs=kwargs or None))
