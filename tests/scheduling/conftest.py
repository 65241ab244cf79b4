from tests.scheduling.fixtures import (  # noqa: F401
    make_candidate,
    make_session,
    world,
)
from tests.scheduling.invigilation_fixtures import day  # noqa: F401,E402
