"""The demo's people carry realistic names (Chinese names for the Taiwanese staff and
candidates), never an English role label such as "(Marker)" beside the name."""

from __future__ import annotations

import re

from aicert.demo.invigilation_seed import DEMO_POOL
from aicert.demo.seed import DEMO_ACCOUNTS

CHINESE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def test_demo_people_have_chinese_names_without_role_labels():
    names = [a.name for a in DEMO_ACCOUNTS] + [name for _e, name, *_ in DEMO_POOL]
    assert [n for n in names if not CHINESE_NAME.match(n)] == []
    assert len(set(names)) == len(names)  # two demo people never share a name


def test_the_partner_schools_contact_is_a_person():
    from aicert.demo.promotion_seed import PARTNER_CONTACT_NAME

    assert CHINESE_NAME.match(PARTNER_CONTACT_NAME)
    assert PARTNER_CONTACT_NAME not in [a.name for a in DEMO_ACCOUNTS]
