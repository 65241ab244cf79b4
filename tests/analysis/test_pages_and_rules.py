"""Item analysis pages and rules: who may see and run them, bad input, small samples, commands."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from aicert.analysis import services
from aicert.analysis.models import AnalysisRun, ItemResult
from aicert.analysis.simulation import sitting_simulate
from aicert.itembank.models import ItemStatistics
from tests.factories import SessionFactory, SubjectFactory, enrol_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored_run(aworld) -> AnalysisRun:
    """A stored analysis (rows only; the computations are tested in test_sitting_analysis)."""
    form_item = aworld.form.items.order_by("position").first()
    run = AnalysisRun.objects.create(
        form=aworld.form,
        created_by=aworld.psychometrician,
        n_candidates=50,
        n_items=1,
        alpha=0.8,
        sem=2.0,
        irt_model="Rasch",
        irt_converged=True,
        summary={"dif_groups": [], "calibration": {"model": "Rasch", "iterations": 9}},
        n_flagged=1,
    )
    ItemResult.objects.create(
        run=run,
        form_item=form_item,
        item_version=form_item.item_version,
        position=1,
        n=50,
        facility=0.31,
        discrimination=-0.27,
        flags=["negative_discrimination"],
        options=[{"option": "A", "is_key": True, "omitted": False, "n": 15}],
    )
    ItemStatistics.objects.create(
        version=form_item.item_version,
        n=50,
        facility=0.31,
        discrimination=-0.27,
        flag_codes=" negative_discrimination ",
        last_run_id=run.pk,
    )
    return run


def _pages(run: AnalysisRun) -> list[str]:
    return [
        reverse("analysis:run_list"),
        reverse("analysis:run_detail", args=[run.pk]),
        reverse("analysis:flag_list"),
    ]


def test_anonymous_is_sent_to_sign_in(client, stored_run):
    for url in _pages(stored_run):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(reverse("analysis:run_create"), {"form": stored_run.form_id})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert AnalysisRun.objects.count() == 1


@pytest.mark.parametrize(
    "who", ["candidate", "center_manager", "invigilator", "employer", "writer"]
)
def test_other_roles_cannot_see_or_run_analyses(client, aworld, stored_run, who):
    user = getattr(aworld, who)
    enrol_totp(user)
    client.force_login(user)
    for url in _pages(stored_run):
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("analysis:run_create"), {"form": stored_run.form_id})
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.analysis_run_create(actor=user, form=aworld.form)
    assert AnalysisRun.objects.count() == 1


@pytest.mark.parametrize("who", ["candidate", "center_manager", "employer"])
def test_item_statistics_and_content_stay_hidden_from_non_item_roles(
    client, aworld, stored_run, who
):
    user = getattr(aworld, who)
    enrol_totp(user)
    client.force_login(user)
    item_id = stored_run.items.get().item_version.item_id
    for url in (reverse("itembank:item_detail", args=[item_id]), reverse("itembank:item_list")):
        response = client.get(url)
        assert response.status_code in (403, 404)
        assert "Negative discrimination" not in response.content.decode()


@pytest.mark.parametrize("who", ["psychometrician", "admin"])
def test_foundation_roles_see_runs_flags_and_item_statistics(
    client, aworld, stored_run, who, english
):
    user = getattr(aworld, who)
    enrol_totp(user)
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    listing = client.get(reverse("analysis:run_list")).content.decode()
    assert reverse("analysis:run_detail", args=[stored_run.pk]) in listing
    assert "Run item analysis" in listing
    detail = client.get(reverse("analysis:run_detail", args=[stored_run.pk])).content.decode()
    assert "Negative discrimination" in detail and "Rasch" in detail
    flags = client.get(reverse("analysis:flag_list") + "?flag=negative_discrimination")
    item_id = stored_run.items.get().item_version.item_id
    assert reverse("itembank:item_detail", args=[item_id]) in flags.content.decode()
    other_flag = client.get(reverse("analysis:flag_list") + "?flag=dif_c").content.decode()
    assert reverse("itembank:item_detail", args=[item_id]) not in other_flag
    item_page = client.get(reverse("itembank:item_detail", args=[item_id])).content.decode()
    assert "Usage statistics" in item_page and "-0.270" in item_page
    assert reverse("analysis:run_detail", args=[stored_run.pk]) in item_page
    bank = client.get(reverse("itembank:item_list") + "?statistics=flagged").content.decode()
    assert bank.count("badge flag negative_discrimination") == 1
    unanalysed = client.get(reverse("itembank:item_list") + "?statistics=not_analysed")
    assert unanalysed.content.decode().count("badge flag") == 0


def test_unknown_run_is_404(client, aworld):
    enrol_totp(aworld.psychometrician)
    client.force_login(aworld.psychometrician)
    assert client.get(reverse("analysis:run_detail", args=[999])).status_code == 404


def test_refuses_a_form_without_enough_attempts_and_a_foreign_session(aworld, english):
    with pytest.raises(ValidationError, match="at least 10"):
        services.analysis_run_create(actor=aworld.psychometrician, form=aworld.form)
    other = SessionFactory(
        draft=True,
        subject=SubjectFactory(level=aworld.subject.level, code="other", name_en="Other"),
        room=aworld.session.room,
        starts_at=aworld.session.starts_at + dt.timedelta(days=1),
    )
    with pytest.raises(ValidationError, match="not a sitting of the form"):
        services.analysis_run_create(actor=aworld.psychometrician, form=aworld.form, session=other)
    assert AnalysisRun.objects.count() == 0


def test_simulation_refuses_too_few_seats_and_unpublished_forms(aworld, english):
    with pytest.raises(ValidationError, match="300 free seats for 301"):
        sitting_simulate(actor=aworld.admin, form=aworld.form, n_candidates=301)
    aworld.form.status = "retired"
    with pytest.raises(ValidationError, match="published"):
        sitting_simulate(actor=aworld.admin, form=aworld.form, n_candidates=5)


def test_small_sitting_through_the_page_falls_back_to_rasch(client, aworld, english):
    # Given 40 candidates: too few for the 2PL and for any DIF group of 30
    sitting_simulate(actor=aworld.admin, form=aworld.form, n_candidates=40, seed=7)
    enrol_totp(aworld.psychometrician)
    client.force_login(aworld.psychometrician)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    # When the psychometrician runs the analysis of the session from the page
    response = client.post(
        reverse("analysis:run_create"),
        {"form": aworld.form.pk, "session": aworld.session.pk},
    )
    run = AnalysisRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("analysis:run_detail", args=[run.pk])
    # Then the Rasch model was calibrated, and no DIF comparison was made
    assert run.session == aworld.session and run.n_candidates == 40
    assert run.irt_model == "Rasch" and run.summary["calibration"]["note"] == "rasch_small_sample"
    assert not any(g["analysed"] for g in run.summary["dif_groups"])
    assert all(r.dif == {} for r in run.items.all())
    page = client.get(response["Location"]).content.decode()
    assert "too few candidates for the 2PL" in page and "fewer than 30 in a group" in page


def test_bad_post_shows_the_form_again(client, aworld):
    enrol_totp(aworld.psychometrician)
    client.force_login(aworld.psychometrician)
    response = client.post(reverse("analysis:run_create"), {"form": 12345})
    assert response.status_code == 400 and AnalysisRun.objects.count() == 0


def test_commands_simulate_and_analyse(aworld, capsys):
    call_command("simulate_sitting", aworld.form.code, "--candidates", "12", "--seed", "3")
    out = capsys.readouterr().out
    assert "12 attempts submitted" in out and "planted miskeyed: item #" in out
    call_command("simulate_sitting", aworld.form.code, "--candidates", "12", "--seed", "3")
    assert "Already simulated" in capsys.readouterr().out
    call_command("run_item_analysis", aworld.form.code, "--actor", aworld.psychometrician.email)
    assert "12 candidates, 24 items" in capsys.readouterr().out
    with pytest.raises(CommandError, match="may not run"):
        call_command("run_item_analysis", aworld.form.code, "--actor", aworld.employer.email)
    with pytest.raises(CommandError, match="No form"):
        call_command("simulate_sitting", "nope")
