"""A simulated sitting of 300 candidates with four planted problems, analysed end to end.

One test on purpose: the sitting goes through the real delivery services (about a minute on
SQLite), and every check below reads the same sitting.
"""

import pytest
from django.urls import reverse

from aicert.analysis import selectors, services
from aicert.analysis.models import AnalysisRun, ItemResult
from aicert.analysis.simulation import PLANTED_KINDS, sitting_simulate
from aicert.audit.models import AuditEvent
from aicert.delivery.models import Attempt, AttemptStatus, Response
from aicert.itembank.models import ItemStatistics
from aicert.itembank.selectors import item_list_for_user
from aicert.registration.models import CandidateProfile, Registration
from tests.factories import enrol_totp

pytestmark = pytest.mark.django_db

# What the analysis must find on each planted item, and nothing that is a problem elsewhere.
EXPECTED = {
    "miskeyed": {"negative_discrimination", "distractor_high_scorers"},
    # The strongest candidates leave the key for one distractor: it also discriminates poorly.
    "distractor_high_scorers": {"distractor_high_scorers", "low_discrimination"},
    "dif_gender": {"dif_c"},
    "dif_region": {"dif_c"},
}


def _figures(run: AnalysisRun) -> list[tuple]:
    return [
        (r.position, r.n, r.facility, r.discrimination, r.irt_a, r.irt_b, r.flags, r.dif)
        for r in run.items.order_by("position")
    ]


def test_simulated_sitting_is_analysed_flagged_and_written_back(aworld, client):
    # Given a sitting of 300 simulated candidates
    report = sitting_simulate(actor=aworld.admin, form=aworld.form, n_candidates=300, seed=2026)
    assert report.attempts_created == 300 and set(report.planted) == set(PLANTED_KINDS)
    attempts = Attempt.objects.filter(form=aworld.form)
    assert attempts.count() == 300
    assert set(attempts.values_list("status", flat=True)) == {AttemptStatus.SUBMITTED}
    assert not attempts.filter(score_points__isnull=True).exists()
    assert Response.objects.filter(attempt__form=aworld.form, score_status="scored").count() > 6800
    assert Registration.objects.filter(session=aworld.session).count() == 300
    profiles = CandidateProfile.objects.filter(user__attempts__form=aworld.form)
    genders = set(profiles.values_list("gender", flat=True))
    regions = set(profiles.values_list("county__region__code", flat=True))
    assert {"female", "male"} <= genders and regions == {"north", "central", "south", "east"}
    position = dict(aworld.form.items.values_list("pk", "position"))
    planted = {kind: position[pk] for kind, pk in report.planted.items()}

    # When the psychometrician runs the item analysis
    run = services.analysis_run_create(actor=aworld.psychometrician, form=aworld.form)

    # Then the test-level figures are there and the 2PL calibration converged
    assert run.n_candidates == 300 and run.n_items == 24
    assert 0.7 < run.alpha < 0.95 and 1.0 < run.sem < 3.0
    assert run.irt_model == "2PL" and run.irt_converged is True
    groups = {g["key"]: g for g in run.summary["dif_groups"]}
    assert groups["gender"]["focal"] == "female" and groups["gender"]["reference"] == "male"
    assert groups["region:central"]["reference"] == "north" and "region:north" not in groups
    assert all(g["analysed"] for g in groups.values())

    # and exactly the planted items carry problem flags, each the expected ones
    results = {r.position: r for r in run.items.all()}
    for kind, expected in EXPECTED.items():
        assert set(results[planted[kind]].flags) == expected, kind
    problems = {p for p, r in results.items() if set(r.flags) - {"dif_b"}}
    assert problems == set(planted.values())
    assert run.n_flagged == len([r for r in results.values() if r.flags])
    # the DIF is against the group it was planted against
    assert results[planted["dif_gender"]].dif["gender"]["class"] == "C"
    assert results[planted["dif_gender"]].dif["gender"]["delta"] < -1.5
    assert results[planted["dif_region"]].dif["region:central"]["class"] == "C"
    assert results[planted["dif_region"]].dif["region:central"]["delta"] < -1.5
    # the miskeyed item: the key draws weak candidates, another option the strong
    miskeyed = results[planted["miskeyed"]]
    assert miskeyed.discrimination < 0 and miskeyed.irt_a < 0
    key = next(o for o in miskeyed.options if o["is_key"])
    assert max(o["mean_score"] for o in miskeyed.options if not o["is_key"]) > key["mean_score"]
    assert abs(sum(o["proportion"] for o in miskeyed.options) - 1) < 1e-3
    assert AuditEvent.objects.filter(action="analysis.run", target_id=str(run.pk)).exists()

    # and the item bank holds the latest statistics of every item version
    stats = {s.version_id: s for s in ItemStatistics.objects.all()}
    assert len(stats) == 24
    for result in results.values():
        s = stats[result.item_version_id]
        assert (s.n, s.facility, s.discrimination) == (300, result.facility, result.discrimination)
        assert s.exposures == 300 and s.last_run_id == run.pk and s.irt_model == "2PL"
        assert s.flags == result.flags
    gender_item = results[planted["dif_gender"]].item_version
    assert stats[gender_item.pk].dif_class == "C"
    flagged_c = item_list_for_user(user=aworld.psychometrician, statistics="dif_c")
    assert {i.pk for i in flagged_c} == {
        results[planted["dif_gender"]].item_version.item_id,
        results[planted["dif_region"]].item_version.item_id,
    }
    assert item_list_for_user(user=aworld.psychometrician, statistics="not_analysed").count() == 0
    assert {s.version_id for s in selectors.flagged_statistics(flag="negative_discrimination")} == {
        miskeyed.item_version_id
    }

    # When the analysis runs again on the same data
    again = services.analysis_run_create(actor=aworld.psychometrician, form=aworld.form)
    # Then it is a new run with identical figures, and the bank's rows are updated in place
    assert again.pk != run.pk and _figures(again) == _figures(run)
    assert ItemStatistics.objects.count() == 24
    assert set(ItemStatistics.objects.values_list("last_run_id", flat=True)) == {again.pk}
    assert ItemResult.objects.count() == 48

    # and simulating the same sitting again changes nothing
    repeat = sitting_simulate(actor=aworld.admin, form=aworld.form, n_candidates=300, seed=2026)
    assert repeat.already_done and repeat.planted == report.planted
    assert Attempt.objects.filter(form=aworld.form).count() == 300

    # The psychometrician sees it all on the pages
    enrol_totp(aworld.psychometrician)
    client.force_login(aworld.psychometrician)
    page = client.get(reverse("analysis:run_detail", args=[again.pk])).content.decode()
    assert "2PL" in page and "region:central" in page and "female" in page
    assert "試題分析" in page and "負鑑別度" in page  # zh-Hant by default
    item_url = reverse("itembank:item_detail", args=[miskeyed.item_version.item_id])
    assert item_url in page
    flags_page = client.get(reverse("analysis:flag_list")).content.decode()
    for kind in EXPECTED:
        item_id = results[planted[kind]].item_version.item_id
        assert reverse("itembank:item_detail", args=[item_id]) in flags_page
    detail = client.get(item_url).content.decode()
    assert "flag negative_discrimination" in detail and "-0." in detail
    listing = client.get(reverse("itembank:item_list") + "?statistics=dif_c").content.decode()
    assert listing.count('class="badge flag dif_c"') == 2
