"""Row locks of talent (order: :mod:`aicert.shared.locking`): an API key, on its own; a contact
request, on its own; a job posting, on its own."""

from __future__ import annotations

from aicert.talent.models import ApiKey, ContactRequest, JobPosting


def api_key_row_lock(*, pk: int) -> ApiKey:
    """Lock one API key: its calls of the last minute are counted and one added under it, so
    two simultaneous calls cannot both take the last place. Needs ``atomic``."""
    return ApiKey.objects.select_for_update(of=("self",)).get(pk=pk)


def contact_request_row_lock(*, pk: int) -> ContactRequest:
    """Lock one contact request (accepted or declined once). Needs ``atomic``."""
    return ContactRequest.objects.select_for_update(of=("self",)).get(pk=pk)


def job_posting_row_lock(*, pk: int) -> JobPosting:
    """Lock one job posting (its employer edits it while the foundation may hide it). Needs
    ``atomic``."""
    return JobPosting.objects.select_for_update(of=("self",)).get(pk=pk)
