"""Staff roles must enrol a second factor before they can use anything else."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

# Pages a staff member without MFA may still open: sign-in/out, the MFA set-up, language.
_ALLOWED_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/favicon")


def user_has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class StaffMfaRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.requires_mfa
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and not user_has_totp(user)
        ):
            messages.warning(
                request,
                _(
                    "Your role handles exam content or personal data: set up an authenticator app first."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
