"""The shared demo fixtures: the plain one stays fast by leaving the item bank out."""

from aicert.itembank.models import Item


def test_the_plain_demo_fixture_has_no_items(demo):
    assert not Item.objects.exists()
