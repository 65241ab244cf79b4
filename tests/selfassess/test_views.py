from django.urls import reverse

from aicert.accounts.roles import Role
from aicert.selfassess.models import PracticeAttempt
from tests.factories.accounts import FoundationFactory, UserFactory, person
from tests.selfassess.conftest import KEY


def test_anyone_signed_in_takes_a_test_and_sees_the_profile(client, practice_world):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("selfassess:start"), {"level": practice_world["level"].pk, "mode": "short"}
    )
    attempt = PracticeAttempt.objects.get(user=user)
    assert response.status_code == 302
    for position in range(1, 16):
        attempt.refresh_from_db()
        if attempt.status == "finished":
            break
        page = client.post(
            reverse("selfassess:answer", args=[attempt.pk]),
            {"position": position, "choice": KEY},
        )
        # The next question comes in the response to the save.
        assert page.status_code in (200, 302)
    attempt.refresh_from_db()
    assert attempt.status == "finished"
    profile = client.get(reverse("selfassess:profile", args=[attempt.pk]))
    assert profile.status_code == 200
    body = profile.content.decode()
    assert 'class="error-bar"' in body and 'id="readiness"' in body
    home = client.get(reverse("selfassess:home"))
    assert 'class="history-point"' in home.content.decode()


def test_no_answer_is_a_clear_error_not_a_500(client, practice_world):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("selfassess:start"), {"level": practice_world["level"].pk, "mode": "short"})
    attempt = PracticeAttempt.objects.get(user=user)
    page = client.post(reverse("selfassess:answer", args=[attempt.pk]), {"position": 1})
    assert page.status_code == 400
    assert attempt.answers.count() == 0


def test_a_stranger_cannot_see_or_answer_my_attempt(client, practice_world):
    owner = UserFactory()
    client.force_login(owner)
    client.post(reverse("selfassess:start"), {"level": practice_world["level"].pk, "mode": "short"})
    attempt = PracticeAttempt.objects.get(user=owner)
    client.force_login(UserFactory())
    assert client.get(reverse("selfassess:attempt", args=[attempt.pk])).status_code == 404
    assert client.get(reverse("selfassess:profile", args=[attempt.pk])).status_code == 404
    post = client.post(
        reverse("selfassess:answer", args=[attempt.pk]), {"position": 1, "choice": KEY}
    )
    assert post.status_code == 404 and attempt.answers.count() == 0


def test_anonymous_is_sent_to_sign_in(client, practice_world):
    assert client.get(reverse("selfassess:home")).status_code == 302


def test_bank_page_for_the_psychometrician_only(
    client, staff_login, practice_world, django_assert_max_num_queries
):
    foundation = FoundationFactory()
    client.force_login(person("cand"))
    assert client.get(reverse("selfassess:bank")).status_code == 403
    staff_login(person("psy", Role.PSYCHOMETRICIAN, foundation))
    with django_assert_max_num_queries(25):
        page = client.get(reverse("selfassess:bank"))
    assert page.status_code == 200
    assert "模型評估" in page.content.decode() or "Model evaluation" in page.content.decode()
