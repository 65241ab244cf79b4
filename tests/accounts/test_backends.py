"""The sign-in backend's per-request user load answers the staff second-factor question in the
same query (issue #14): right for staff and candidates, a role granted later counts at the next
request, and an inactive or unknown user is nobody."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aicert.accounts.backends import AuthenticationBackend
from aicert.accounts.roles import Role
from tests.factories import FoundationFactory, UserFactory, grant
from tests.factories.accounts import enrol_totp


def test_the_user_comes_with_whether_they_hold_a_staff_role(db):
    candidate, writer = UserFactory(), UserFactory()
    grant(writer, FoundationFactory(), Role.ITEM_WRITER)
    backend = AuthenticationBackend()
    with CaptureQueriesContext(connection) as captured:
        loaded = backend.get_user(candidate.pk)
        assert loaded == candidate and loaded.holds_staff_role is False
        assert loaded.requires_mfa is False
    assert len(captured) == 1  # no memberships read for the answer
    staff = backend.get_user(writer.pk)
    assert staff.holds_staff_role is True and staff.requires_mfa is True
    assert staff.email == writer.email and staff.check_password("pass-word-123")


def test_unknown_inactive_and_malformed_ids_are_nobody(db):
    backend = AuthenticationBackend()
    gone = UserFactory(is_active=False)
    assert backend.get_user(gone.pk) is None
    assert backend.get_user(10**9) is None
    assert backend.get_user("not a number") is None


def test_a_role_granted_while_signed_in_asks_for_mfa_at_the_next_request(client, db):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("portal:dashboard")).status_code == 200
    grant(user, FoundationFactory(), Role.PSYCHOMETRICIAN)
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    enrol_totp(user)
    assert client.get(reverse("portal:dashboard")).status_code == 200


def test_loaded_memberships_answer_when_present(db):
    user = UserFactory()
    loaded = AuthenticationBackend().get_user(user.pk)
    assert loaded.requires_mfa is False
    grant(user, FoundationFactory(), Role.MARKER)
    loaded.__dict__.pop("active_memberships", None)
    _ = loaded.roles  # the memberships, read now, take precedence over the flag
    assert loaded.requires_mfa is True


def test_the_user_is_loaded_as_the_orm_loads_them(db):
    from django.utils import timezone

    from aicert.accounts.models import User

    user = UserFactory(display_name="陳美玲")
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    expected = User.objects.get(pk=user.pk)
    loaded = AuthenticationBackend().get_user(user.pk)
    fields = [f.attname for f in User._meta.concrete_fields]
    assert {f: getattr(loaded, f) for f in fields} == {f: getattr(expected, f) for f in fields}
    assert {f: type(getattr(loaded, f)) for f in fields} == {
        f: type(getattr(expected, f)) for f in fields
    }
    assert loaded.last_login.tzinfo is not None
    assert loaded._state.adding is False
    loaded.display_name = "陳美華"
    loaded.save(update_fields=["display_name"])  # a loaded user saves like any other
    assert User.objects.get(pk=user.pk).display_name == "陳美華"
