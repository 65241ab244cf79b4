"""The demo function that fills the demo markers' queues."""

from aicert.accounts.models import User
from aicert.demo.marking_seed import marking_demo_queue
from aicert.scoring import selectors


def test_demo_marking_queue(demo_with_items):
    first = marking_demo_queue()
    assert first["sat"] == 4 and first["attempts"] == 4
    assert first["awaiting"] == 8  # four sitters, two written answers each
    assert first["assigned"] == 16  # two markers per answer
    queues = [
        selectors.marker_queue(user=User.objects.get(email=email))
        for email in ("marker@aicert.example", "marker2@aicert.example")
    ]
    assert len(queues[0]) == len(queues[1]) == 8
    again = marking_demo_queue()
    assert (again["sat"], again["assigned"], again["attempts"]) == (0, 0, 4)
