from tests.scheduling.fixtures import (  # noqa: F401
    english,
    fast_password_hasher,
    make_candidate,
    make_session,
    staff_login,
    world,
)
