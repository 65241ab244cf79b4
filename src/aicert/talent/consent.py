"""The text a holder agrees to before employers may find them, versioned.

Raise :data:`CONSENT_VERSION` whenever the text's meaning changes: consents to an older version
stop counting (the holder is out of the search until they agree to the new text).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

CONSENT_VERSION = 1


def consent_text() -> str:
    """The current text, in the active language (what the holder reads is what is stored)."""
    return _(
        "I agree that recruiters of employers approved by the foundation may find me in the "
        "talent search and see only what I choose to show: my name, county or city, the "
        "certificate levels I hold, my domain strengths from released score reports, my latest "
        "self-assessment profile and my headline. They never see my contact details: they may "
        "send me a contact request through the platform, which I may accept or decline. Every "
        "search that shows me and every view of my profile is recorded, and I can see which "
        "organisations viewed me. I may withdraw this consent at any time; I am then removed "
        "from the search at once."
    )
