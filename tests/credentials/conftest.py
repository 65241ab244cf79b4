# The results test world (two subjects, a pass rule, one candidate) is where passes come from.
from tests.results.conftest import rworld  # noqa: F401
