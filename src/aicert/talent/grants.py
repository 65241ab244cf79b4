"""Who may do what with employers and talent.

A recruiter (the employer role) acts only for their own organisation: the selectors and
services narrow every row to it. Holders manage their own consent, profile and contact requests
without any permission (they are their own rows).
"""

from __future__ import annotations

from aicert.accounts.roles import Role

ROLE_GRANTS: dict[str, set[str]] = {
    Role.FOUNDATION_ADMIN: {
        "talent.view_employerapplication",
        "talent.decide_employerapplication",
        "talent.view_apicall",
        "talent.view_apikey",
        "talent.view_jobposting",
        "talent.hide_jobposting",
    },
    Role.EMPLOYER: {
        "talent.add_bulkverification",
        "talent.view_bulkverification",
        "talent.add_apikey",
        "talent.view_apikey",
        "talent.change_apikey",
        "talent.view_talentprofile",
        "talent.add_contactrequest",
        "talent.view_contactrequest",
        "talent.add_jobposting",
        "talent.change_jobposting",
        "talent.view_jobposting",
    },
}
