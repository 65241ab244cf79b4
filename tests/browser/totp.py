"""One-time codes for browser sign-ins that cannot fail on a clock edge.

allauth accepts only the code of the current 30-second window (no tolerance) and refuses a code
it has already seen for that user in the window. A test that computes a code 0.1 s before the
window turns, or signs the same account in twice within one window, would fail now and then for
reasons that have nothing to do with the code under test. So: never hand out a code with less
than a few seconds of its window left, and never the same (secret, window) twice.
"""

from __future__ import annotations

import time

_MARGIN_SECONDS = 5.0
_issued: set[tuple[str, int]] = set()


def fresh_totp_code(secret: str) -> str:
    from allauth.mfa import app_settings as mfa_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    period = mfa_settings.TOTP_PERIOD
    while True:
        now = time.time()
        window = int(now) // period
        left = (window + 1) * period - now
        if left >= _MARGIN_SECONDS and (secret, window) not in _issued:
            _issued.add((secret, window))
            return format_hotp_value(hotp_value(secret, window))
        time.sleep(left + 0.05)


def fresh_demo_totp_code(email: str) -> str:
    from aicert.demo.seed import demo_totp_secret

    secret = demo_totp_secret(email)
    if secret is None:
        raise ValueError(f"{email} is not a demo staff account")
    return fresh_totp_code(secret)
