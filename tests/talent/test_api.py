"""The verification API: per-organisation keys (hashed at rest, shown once, revocable),
batches of up to 100, 60 calls a minute per key (429 + Retry-After), every call logged."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from aicert.audit.models import AuditEvent
from aicert.talent import services
from aicert.talent.models import ApiCall, ApiKey

URL = "/api/v1/verifications"


@pytest.fixture
def key(tworld):
    return services.api_key_create(actor=tworld.recruiter, organisation=tworld.employer, name="HR")


def call(client, raw, certificates, **extra):
    return client.post(
        URL,
        {"certificates": certificates},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
        **extra,
    )


def test_key_is_stored_only_as_its_hash(key):
    api_key, raw = key
    assert raw.startswith("aic_") and len(raw) > 40
    assert api_key.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in str(ApiKey.objects.values().get())
    assert AuditEvent.objects.filter(action="talent.api_key_create").exists()


def test_verifications_answer_each_certificate_in_order(client, tworld, key):
    _api_key, raw = key
    response = call(
        client,
        raw,
        [
            {"number": tworld.cert_a.number, "name": "Lin Hsiao-mei"},
            {"number": tworld.cert_c.number, "name": "張小華"},
            {"number": tworld.cert_a.number, "name": "Wrong Person"},
            {"number": "AIC-1", "name": "x"},
        ],
    )
    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["active", "revoked", "not_found", "malformed"]
    assert results[0]["valid"] and results[0]["level_code"] == tworld.level.code
    assert results[2]["level_code"] == "" and results[2]["expires_on"] is None
    logged = ApiCall.objects.get()
    assert (logged.count, logged.status_code, logged.organisation) == (4, 200, tworld.employer)
    assert ApiKey.objects.get().last_used_at is not None


def test_no_key_a_wrong_key_or_a_revoked_key_is_refused(client, tworld, key):
    api_key, raw = key
    body = [{"number": tworld.cert_a.number, "name": "x"}]
    assert (
        client.post(URL, {"certificates": body}, content_type="application/json").status_code == 401
    )
    assert call(client, raw + "x", body).status_code == 401
    services.api_key_revoke(actor=tworld.recruiter, key=api_key)
    assert call(client, raw, body).status_code == 401
    assert AuditEvent.objects.filter(action="talent.api_key_revoke").exists()


def test_batches_are_one_to_a_hundred(client, tworld, key):
    _api_key, raw = key
    one = {"number": tworld.cert_a.number, "name": "x"}
    assert call(client, raw, []).status_code == 422
    assert call(client, raw, [one] * 101).status_code == 422
    assert call(client, raw, [one] * 100).status_code == 200
    bad = client.post(
        URL, "not json", content_type="application/json", headers={"Authorization": f"Bearer {raw}"}
    )
    assert bad.status_code in (400, 422)


def test_sixty_calls_a_minute_then_429_with_retry_after(client, tworld, key):
    api_key, raw = key
    start = timezone.now() - dt.timedelta(seconds=30)
    for _i in range(60):
        assert services.api_call_admit(key_id=api_key.pk, ip=None, count=1, now=start) == 0
    response = call(client, raw, [{"number": tworld.cert_a.number, "name": "x"}])
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 31
    assert ApiCall.objects.filter(status_code=429).count() == 1
    # Another key of the same organisation has its own allowance.
    _other, other_raw = services.api_key_create(
        actor=tworld.recruiter, organisation=tworld.employer, name="Other"
    )
    assert (
        call(client, other_raw, [{"number": tworld.cert_a.number, "name": "x"}]).status_code == 200
    )
    # A minute later the first key may call again.
    later = start + dt.timedelta(seconds=61)
    assert services.api_call_admit(key_id=api_key.pk, ip=None, count=1, now=later) == 0


def test_keys_page_shows_a_new_key_once_and_calls_are_visible_to_the_foundation(
    client, tworld, key
):
    client.force_login(tworld.recruiter)
    response = client.post(reverse("talent:keys"), {"name": "Payroll"})
    raw = response.context["new_key"]
    assert raw and raw in response.content.decode()
    assert raw not in client.get(reverse("talent:keys")).content.decode()
    call(client, raw, [{"number": tworld.cert_a.number, "name": "x"}])
    # Another organisation cannot revoke it.
    client.force_login(tworld.other_recruiter)
    other_key = ApiKey.objects.get(name="Payroll")
    assert client.post(reverse("talent:key_revoke", args=[other_key.pk])).status_code == 404
    # The foundation sees every call.
    client.force_login(tworld.admin)
    page = client.get(reverse("talent:api_calls"))
    assert page.status_code == 200 and other_key.prefix in page.content.decode()
    assert client.get(reverse("talent:api_calls"), {"organisation": "x"}).status_code == 200
    client.force_login(tworld.recruiter)
    assert client.get(reverse("talent:api_calls")).status_code == 403
