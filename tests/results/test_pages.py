"""Result pages: who may see what (candidate, foundation, psychometrician, center managers)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse

from aicert.registration.models import CandidateProfile
from aicert.results import services
from aicert.results.models import ResultRelease, ResultStatus
from tests.factories import enrol_totp
from tests.results.conftest import now_after, sit

D = Decimal


def login(client, user):
    if user.memberships.exists():
        enrol_totp(user)
    client.force_login(user)
    return client


@pytest.fixture
def released(rworld):
    """The candidate's released result in session A (75%), plus another candidate's."""
    mine = sit(rworld, candidate=rworld.candidate, session=rworld.session_a, earned=[1, 0, 1, 1])
    theirs = sit(
        rworld, candidate=rworld.other_candidate, session=rworld.session_a, earned=[0, 0, 1, 1]
    )
    services.result_refresh(attempt=mine, reason="submit")
    services.result_refresh(attempt=theirs, reason="submit")
    services.result_release_schedule(
        actor=rworld.admin,
        session=rworld.session_a,
        release_at=now_after(rworld.session_a),
        now=now_after(rworld.session_a),
    )
    return mine.result, theirs.result


def test_candidate_sees_own_released_report(client, rworld, released):
    mine, theirs = released
    login(client, rworld.candidate)
    page = client.get(reverse("results:my_results"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert f'id="result-{mine.pk}"' in page.text and f"result-{theirs.pk}" not in page.text
    report = client.get(reverse("results:report", args=[mine.pk]))
    assert report.status_code == 200
    body = report.text
    assert 'id="scaled-score">75.00<' in body
    assert "3.00 / 4.00 (75.00%)" in body
    assert "<svg" in body and 'role="img"' in body and 'id="domain-table"' in body
    # Weakest leaf domain: 1.1 (1 of 2) -> the course tagged with 1.1.
    assert "機器學習入門" in body or "Machine learning basics" in body
    assert "1.1" in body.split('id="study-next"')[1]


def test_report_in_english_explains_the_rule(client, rworld, released):
    mine, _ = released
    rworld.candidate.preferred_language = "en"
    rworld.candidate.save(update_fields=["preferred_language"])
    login(client, rworld.candidate)
    client.post(reverse("portal:language_switch"), {"language": "en", "next": "/"})
    body = client.get(reverse("results:report", args=[mine.pk])).text
    assert "at least 70" in body and "every subject at least 60" in body
    assert "Machine learning basics" in body
    assert "Subject minimum" in body


def test_other_candidate_and_unreleased_are_404(client, rworld, released):
    mine, theirs = released
    login(client, rworld.candidate)
    assert client.get(reverse("results:report", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("results:report_pdf", args=[theirs.pk])).status_code == 404
    # An unreleased result of one's own is hidden too.
    b = sit(rworld, candidate=rworld.candidate, session=rworld.session_b, earned=[1, 1, 1, 1])
    hidden = services.result_refresh(attempt=b, reason="submit")
    assert hidden.status == ResultStatus.PROVISIONAL
    assert client.get(reverse("results:report", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("results:report_pdf", args=[hidden.pk])).status_code == 404
    assert f"result-{hidden.pk}" not in client.get(reverse("results:my_results")).text


def test_anonymous_is_sent_to_sign_in(client, rworld, released):
    mine, _ = released
    for name, args in [
        ("results:my_results", []),
        ("results:report", [mine.pk]),
        ("results:report_pdf", [mine.pk]),
        ("results:release_list", []),
        ("results:session_list", []),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_report_pdf_zh_and_en(client, rworld, released, tmp_path):
    mine, _ = released
    CandidateProfile.objects.create(
        user=rworld.candidate,
        legal_name_zh="王小明",
        id_kind="national_id",
        id_number_encrypted="x",
        id_number_hash="h",
        birth_date="1990-01-01",
        phone="0912345678",
    )
    login(client, rworld.candidate)
    response = client.get(reverse("results:report_pdf", args=[mine.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content, tmp_path)
    assert "成績單" in text and "王小明" in text
    assert "75" in text and "3 / 4" in text
    assert "機器學習入門" in text  # the recommended course
    assert "民國 115" in text  # ROC year of 2026
    client.post(reverse("portal:language_switch"), {"language": "en", "next": "/"})
    text = _pdf_text(client.get(reverse("results:report_pdf", args=[mine.pk])).content, tmp_path)
    assert "Score report" in text and "Machine learning basics" in text
    assert "every subject at least 60" in " ".join(text.split())


# --- foundation and psychometrician ----------------------------------------------------------------


def test_release_page_lists_counts_and_releases(client, rworld):
    sit(rworld, candidate=rworld.candidate, session=rworld.session_a, earned=[1, 1, 1, 0])
    sit(
        rworld,
        candidate=rworld.other_candidate,
        session=rworld.session_a,
        earned=[1, 1, 1, 1],
        needs_marking=True,
    )
    login(client, rworld.admin)
    page = client.get(reverse("results:release_list"))
    assert page.status_code == 200
    row = page.text.split(f'id="session-{rworld.session_a.pk}"')[1].split("</tr>")[0]
    cells = [c.split("<")[0] for c in row.split('class="num">')[1:]]
    assert cells == ["2", "1", "1", "0"]  # sat, marked, pending marking, results
    url = reverse("results:release_schedule", args=[rworld.session_a.pk])
    response = client.post(url, {"release_at": "2026-05-17T09:00"}, follow=True)
    assert not ResultRelease.objects.exists()
    assert "awaiting markers" in response.text or "份作答待閱卷" in response.text
    response = client.post(
        url, {"release_at": "2026-05-17T09:00", "force": "on", "reason": "appeals window"}
    )
    assert response.status_code == 302
    release = ResultRelease.objects.get()
    assert release.forced and release.released_at is not None


@pytest.mark.parametrize("who", ["psychometrician", "manager", "candidate", "writer"])
def test_release_page_foundation_admin_only(client, rworld, who):
    login(client, getattr(rworld, who))
    assert client.get(reverse("results:release_list")).status_code == 403
    url = reverse("results:release_schedule", args=[rworld.session_a.pk])
    assert client.post(url, {"release_at": "2026-05-17T09:00"}).status_code == 403
    assert not ResultRelease.objects.exists()


def test_psychometrician_summary_and_masked_csv(client, rworld, released):
    mine, theirs = released
    profile = CandidateProfile(
        user=rworld.candidate,
        legal_name_zh="王小明",
        id_kind="national_id",
        id_number_encrypted="x",
        id_number_hash="h",
        birth_date="1990-01-01",
        phone="0912345678",
    )
    profile.set_id_number("A123456789", "national_id")
    profile.save()
    login(client, rworld.psychometrician)
    page = client.get(reverse("results:session_detail", args=[rworld.session_a.pk]))
    assert page.status_code == 200
    assert 'id="n">2<' in page.text
    assert 'id="mean">62.5<' in page.text  # 75 and 50
    assert 'id="passed">1 (50.0%)' in page.text
    export = client.get(reverse("results:session_export", args=[rworld.session_a.pk]))
    assert export.status_code == 200
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert {r["scaled_score"] for r in rows} == {"75.00", "50.00"}
    assert rows[0]["candidate_ref"].startswith("C")
    assert "domain_1.1_percent" in rows[0]
    text = export.content.decode()
    assert "candidate@example.org" not in text and "A123456789" not in text
    assert profile.id_number_masked in text


def test_center_manager_sees_counts_only_for_own_center(client, rworld, released):
    login(client, rworld.manager)
    page = client.get(reverse("results:session_list"))
    assert page.status_code == 200
    assert f'id="session-{rworld.session_a.pk}"' in page.text
    row = page.text.split(f'id="session-{rworld.session_a.pk}"')[1].split("</tr>")[0]
    assert "—" in row  # 2 released < 5: no pass count
    assert "75.00" not in page.text
    assert (
        client.get(reverse("results:session_detail", args=[rworld.session_a.pk])).status_code == 403
    )
    assert (
        client.get(reverse("results:session_export", args=[rworld.session_a.pk])).status_code == 403
    )
    # The other center's manager does not see this session at all.
    client.logout()
    login(client, rworld.other_manager)
    page = client.get(reverse("results:session_list"))
    assert f'id="session-{rworld.session_a.pk}"' not in page.text


def test_center_manager_pass_count_shown_from_five_released(client, rworld):
    people = [rworld.candidate, rworld.other_candidate]
    from tests.factories import UserFactory

    people += [UserFactory() for _ in range(3)]
    for i, person in enumerate(people):
        sit(rworld, candidate=person, session=rworld.session_a, earned=[1, 1, 1, int(i < 2)])
    services.result_release_schedule(
        actor=rworld.admin,
        session=rworld.session_a,
        release_at=now_after(rworld.session_a),
        now=now_after(rworld.session_a),
    )
    login(client, rworld.manager)
    row = (
        client.get(reverse("results:session_list"))
        .text.split(f'id="session-{rworld.session_a.pk}"')[1]
        .split("</tr>")[0]
    )
    assert ">5<" in row and "100.0%" in row


@pytest.mark.parametrize("who", ["candidate", "writer", "manager"])
def test_summary_and_export_refused(client, rworld, released, who):
    login(client, getattr(rworld, who))
    for name in ("results:session_detail", "results:session_export"):
        assert client.get(reverse(name, args=[rworld.session_a.pk])).status_code == 403


def test_scale_pages(client, rworld, english):
    login(client, rworld.psychometrician)
    assert client.get(reverse("results:scale_list")).status_code == 200
    url = reverse("results:scale_create", args=[rworld.subject_a.pk])
    bad = client.post(
        url,
        {
            "basis": "percent",
            "raw_low": 60,
            "raw_high": 40,
            "scaled_low": 0,
            "scaled_high": 100,
            "decimals": 0,
        },
    )
    assert bad.status_code == 400
    ok = client.post(
        url,
        {
            "basis": "percent",
            "raw_low": 0,
            "raw_high": 100,
            "scaled_low": 0,
            "scaled_high": 500,
            "decimals": 0,
        },
    )
    assert ok.status_code == 302
    assert rworld.subject_a.scale_transforms.get().slope == D(5)
    client.logout()
    login(client, rworld.manager)
    assert client.get(reverse("results:scale_list")).status_code == 403
    assert client.post(url, {}).status_code == 403


@pytest.mark.parametrize(
    ("who", "expected", "absent"),
    [
        ("admin", ["/results/release/", "/results/sessions/"], []),
        ("psychometrician", ["/results/sessions/", "/results/scales/"], ["/results/release/"]),
        ("manager", ["/results/sessions/"], ["/results/release/", "/results/scales/"]),
        ("candidate", ['href="/results/"'], ["/results/sessions/"]),
    ],
)
def test_dashboard_links(client, rworld, who, expected, absent):
    login(client, getattr(rworld, who))
    body = client.get(reverse("portal:dashboard")).text
    for link in expected:
        assert link in body
    for link in absent:
        assert link not in body


def test_release_page_queries_do_not_grow_with_sessions(client, rworld):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.results.conftest import make_session

    login(client, rworld.admin)
    sit(rworld, candidate=rworld.candidate, session=rworld.session_a, earned=[1, 1, 1, 0])

    def count(name):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(name)).status_code == 200
        return len(ctx.captured_queries)

    before = {name: count(name) for name in ("results:release_list", "results:session_list")}
    for day in range(2, 6):
        session = make_session(
            rworld.subject_a, rworld.session_a.room, rworld.session_a.starts_at.replace(day=day)
        )
        sit(rworld, candidate=rworld.other_candidate, session=session, earned=[1, 0, 0, 0])
    after = {name: count(name) for name in ("results:release_list", "results:session_list")}
    assert after == before
