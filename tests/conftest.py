import pytest

# Every database test also checks the platform's lock order (tests/lock_order.py).
pytest_plugins = ["tests.lock_order"]


def _uses_database(request) -> bool:
    """Django tests only: the pure libraries' tests also run without the Django plugin."""
    marked = request.node.get_closest_marker("django_db") is not None
    return marked or bool({"db", "transactional_db"} & set(request.fixturenames))


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _reference_data_for_transactional_tests(request):
    """Regions and counties (a data migration) for tests that commit.

    Such tests end by emptying every table, so the next one starts without the migration's
    data. They do not use pytest-django's serialized rollback (restoring a copy of the migrated
    data): on this suite that copy went missing after some live-server tests and the restore
    then collided with reloaded rows. The loader is idempotent, so this is one query when the
    data is already there. (The other data migration, the default scoring policy, has built-in
    defaults when its row is absent.)
    """
    if _uses_database(request) and _is_transactional(request):
        request.getfixturevalue("_django_db_helper")
        from aicert.centers.services import reference_data_load

        reference_data_load()
    yield


@pytest.fixture(scope="module")
def reference_data_after_module(django_db_blocker):
    """Put the regions and counties back after a module of committing tests (the race tests of
    ``tests/race.py``, browser tests on a live server).

    Such tests end by emptying every table, the migrated reference data included; the fixture
    above reloads it before each transactional test, and this one puts it back for whatever runs
    after the module.
    """
    yield
    from aicert.centers.services import reference_data_load

    with django_db_blocker.unblock():
        reference_data_load()


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Rate-limit counters live in the cache: one test's failed logins must not lock out the next.

    Only for tests that use the database; the pure libraries' tests run without Django too.
    """
    if request.node.get_closest_marker("django_db") is None and not {
        "db",
        "transactional_db",
    } & set(request.fixturenames):
        yield
        return
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hasher(request):
    """Tests create many people: hash their passwords cheaply (the hasher is not under test)."""
    if not _uses_database(request):
        yield
        return
    settings = request.getfixturevalue("settings")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    yield


@pytest.fixture
def english():
    """Error messages in English, so tests can match them whatever the default language."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def staff_login(client):
    """Sign a staff member in (with the authenticator the MFA middleware insists on)."""
    from tests.factories import enrol_totp

    def sign_in(user):
        enrol_totp(user)
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def demo(db):
    """The demo world (catalogue, three centers, one account per role), without the item bank."""
    from aicert.demo.seed import demo_seed

    demo_seed(items=False)


@pytest.fixture
def demo_with_items(db):
    """The demo world with its reviewed item bank (several seconds: use only where items matter)."""
    from aicert.demo.seed import demo_seed

    demo_seed(items=True)


@pytest.fixture
def demo_user(demo):
    from aicert.accounts.models import User

    def get(email: str) -> User:
        return User.objects.get(email=email)

    return get
