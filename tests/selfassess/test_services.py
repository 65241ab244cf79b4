import datetime as dt

import numpy as np
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from aicert.audit.models import AuditEvent
from aicert.psychometrics import profile as prof
from aicert.selfassess import selectors, services
from aicert.selfassess.models import PracticeAnswer, PracticeAttempt, PracticeItem
from tests.factories.accounts import UserFactory
from tests.factories.delivery import form_of
from tests.factories.itembank import ItemVersionFactory
from tests.selfassess.conftest import KEY


def _take(user, level, mode="short", *, answer_of=lambda item: KEY, now=None):
    attempt = services.practice_attempt_start(user=user, level=level, mode=mode, now=now)
    while attempt.status == PracticeAttempt.Status.IN_PROGRESS:
        position = attempt.answers.count() + 1
        attempt = services.practice_answer_save(
            user=user,
            attempt_id=attempt.pk,
            position=position,
            answer=answer_of(attempt.current),
            now=now,
        )
    return attempt


def test_an_item_on_an_exam_form_cannot_be_flagged(practice_world):
    version = ItemVersionFactory(item__subject=practice_world["subject"])
    form_of([version], subject=practice_world["subject"])
    with pytest.raises(ValidationError):
        services.practice_item_flag(actor=practice_world["flagger"], version=version, a=1.0, d=0.0)
    assert not PracticeItem.objects.filter(version=version).exists()


def test_an_exam_item_never_reaches_a_practice_attempt(practice_world):
    # Given every practice item of one domain is later put on a planned (draft) exam form
    dom = practice_world["domains"][1]
    versions = [p.version for p in PracticeItem.objects.filter(domain=dom)]
    form_of(versions, subject=practice_world["subject"])
    # When someone takes the full test
    attempt = _take(UserFactory(), practice_world["level"], "full")
    # Then none of those items was shown
    shown = set(
        PracticeAnswer.objects.filter(attempt=attempt).values_list("item__domain", flat=True)
    )
    assert dom.pk not in shown
    assert attempt.answers.count() >= 25


def test_short_test_saves_answers_chooses_next_and_finishes_with_a_profile(practice_world):
    user = UserFactory()
    attempt = _take(user, practice_world["level"])
    assert 10 <= attempt.answers.count() <= 15
    assert attempt.status == "finished" and attempt.stop_reason in {"se", "max_length"}
    assert attempt.theta > 1.0  # all right
    codes = {d["code"] for d in attempt.profile["domains"]}
    assert codes == {"1", "2", "3"}
    assert attempt.profile["readiness"]["probability"] > 0.8
    # Blueprint balancing: every domain got questions
    assert all(d["n"] >= 2 for d in attempt.profile["domains"])
    assert AuditEvent.objects.filter(action="selfassess.practice_attempt_finish").count() == 1


def test_saving_the_same_position_twice_changes_nothing(practice_world):
    user = UserFactory()
    attempt = services.practice_attempt_start(
        user=user, level=practice_world["level"], mode="short"
    )
    first = attempt.current_id
    services.practice_answer_save(user=user, attempt_id=attempt.pk, position=1, answer=KEY)
    again = services.practice_answer_save(user=user, attempt_id=attempt.pk, position=1, answer=0)
    assert again.answers.count() == 1
    assert again.answers.get().item_id == first and again.answers.get().correct
    with pytest.raises(ValidationError):
        services.practice_answer_save(user=user, attempt_id=attempt.pk, position=5, answer=KEY)
    with pytest.raises(ValidationError):
        services.practice_answer_save(user=user, attempt_id=attempt.pk, position=2, answer=99)


def test_starting_again_resumes_the_attempt_in_progress(practice_world):
    user = UserFactory()
    a = services.practice_attempt_start(user=user, level=practice_world["level"], mode="short")
    b = services.practice_attempt_start(user=user, level=practice_world["level"], mode="full")
    assert a.pk == b.pk


def test_another_person_cannot_answer_my_attempt(practice_world):
    attempt = services.practice_attempt_start(
        user=UserFactory(), level=practice_world["level"], mode="short"
    )
    with pytest.raises(PracticeAttempt.DoesNotExist):
        services.practice_answer_save(
            user=UserFactory(), attempt_id=attempt.pk, position=1, answer=KEY
        )


def test_recently_seen_items_are_not_repeated(practice_world):
    user = UserFactory()
    now = timezone.now()
    first = _take(user, practice_world["level"], now=now)
    second = _take(user, practice_world["level"], now=now + dt.timedelta(days=7))
    seen = set(first.answers.values_list("item_id", flat=True))
    again = set(second.answers.values_list("item_id", flat=True))
    assert not seen & again


def test_bank_summary_warns_on_a_thin_domain(practice_world):
    rows = {r.code: r for r in selectors.practice_bank_summary(level_id=practice_world["level"].pk)}
    assert rows["1"].items == 60 and not rows["1"].thin and rows["1"].information > 4
    PracticeItem.objects.filter(domain=practice_world["domains"][2]).exclude(
        pk__in=PracticeItem.objects.filter(domain=practice_world["domains"][2]).values("pk")[:3]
    ).update(is_active=False)
    rows = {r.code: r for r in selectors.practice_bank_summary(level_id=practice_world["level"].pk)}
    assert rows["3"].items == 3 and rows["3"].thin


def test_participation_aggregate_has_no_people(practice_world):
    _take(UserFactory(), practice_world["level"])
    rows = selectors.participation_by_month()
    assert rows[0]["attempts"] == 1 and set(rows[0]) == {"month", "attempts", "people"}


@pytest.mark.slow
def test_validity_on_simulated_examinees_through_the_services(
    calibrated_practice_world, monkeypatch
):
    """Short mode: overall theta RMSE <= 0.35, readiness agreement >= 85 %, exposure in bound."""
    rng = np.random.default_rng(2026)
    # Each attempt's random stream comes from a seeded generator, so the run is repeatable.
    attempt_seeds = np.random.default_rng(10)
    monkeypatch.setattr(services.secrets, "randbelow", lambda n: int(attempt_seeds.integers(n)))
    practice_world = calibrated_practice_world
    level = practice_world["level"]
    bank = selectors.practice_bank_load(level_id=level.pk)
    n = 150
    true = rng.normal(0.0, 1.0, n)
    est, agree = [], []
    counts: dict[int, int] = {}
    items = {}
    for code in sorted(set(bank.domains)):
        m = [x == code for x in bank.domains]
        items[code] = (bank.a[m], bank.d[m], bank.c[m])
    for theta in true:

        def respond(item, theta=theta):
            p = 1 / (1 + np.exp(-(item.a * theta + item.d)))
            return KEY if rng.random() < p else 0

        attempt = _take(UserFactory(), level, answer_of=respond)
        est.append(attempt.theta)
        for item_id in attempt.answers.values_list("item_id", flat=True):
            counts[item_id] = counts.get(item_id, 0) + 1
        # The true classification: the pass rule at the true ability.
        s1 = (
            0.6 * prof.expected_percent(theta, *items["1"])[0]
            + 0.4 * prof.expected_percent(theta, *items["2"])[0]
        )
        s2 = prof.expected_percent(theta, *items["3"])[0]
        truly = (s1 + s2) / 2 >= 70 and min(s1, s2) >= 60
        agree.append(truly == (attempt.profile["readiness"]["probability"] >= 0.5))
    rmse = float(np.sqrt(np.mean((np.array(est) - true) ** 2)))
    agreement = float(np.mean(agree))
    max_rate = max(counts.values()) / n
    target = services.EXPOSURE_TARGET
    # Sampling noise: an item given with the target probability r to each of n independent
    # simulees has an observed rate with binomial SE sqrt(r (1 - r) / n) = 0.040 for n = 150;
    # the bound is the target plus two such SEs (0.48). The Sympson–Hetter parameters were
    # calibrated (services.practice_exposure_calibrate) until the simulated maximum, itself
    # biased upward by noise, was at most the target, so the true maxima sit under it.
    noise = 2 * np.sqrt(target * (1 - target) / n)
    print(f"rmse={rmse:.3f} agreement={agreement:.3f} max_exposure={max_rate:.3f}")
    assert rmse <= 0.35
    assert agreement >= 0.85
    assert max_rate <= target + noise, f"max exposure {max_rate:.3f} > {target} + {noise:.3f}"
