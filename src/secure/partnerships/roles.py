"""Roles and what each may do: the one place where access is defined.

Every view declares the permission it needs; ``role_can`` answers for a role. The table in
``docs/roles.md`` is generated from ``PERMISSIONS`` (``secure roles --format markdown``) and a test
keeps the two equal. Later features add their permissions here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """A member's role within one partnership."""

    PARTNERSHIP_ADMIN = "partnership_admin", _("Partnership administrator")
    DISTRICT_LEADER = "district_leader", _("District leader")
    AGENCY_LEADER = "agency_leader", _("Agency leader (SRO supervisor)")
    SCHOOL_ADMIN = "school_admin", _("School administrator")
    SRO = "sro", _("School resource officer")
    DATA_ANALYST = "data_analyst", _("Data analyst")
    COMPLAINT_INVESTIGATOR = "complaint_investigator", _("Complaint investigator")
    COMMUNITY_STAKEHOLDER = "community_stakeholder", _("Community stakeholder")
    AUDITOR = "auditor", _("Auditor")


R = Role
ALL_ROLES = frozenset(Role)
LEADERS = frozenset({R.PARTNERSHIP_ADMIN, R.DISTRICT_LEADER, R.AGENCY_LEADER})
STAFF = ALL_ROLES - {R.COMMUNITY_STAKEHOLDER}

# Roles whose members can see personal data (students' records, complaints, officers' files).
# When SECURE_REQUIRE_2FA is on, these roles must use two-factor authentication.
PERSONAL_DATA_ROLES = frozenset(ALL_ROLES - {R.COMMUNITY_STAKEHOLDER})


@dataclass(frozen=True)
class Permission:
    """Something a member may do; ``writes`` marks changes (auditors never get those)."""

    code: str
    label: str | Promise
    writes: bool
    roles: frozenset[Role]


def _read(code: str, label: str | Promise, roles: frozenset[Role]) -> Permission:
    # Auditors read everything, so every read permission includes them.
    return Permission(code=code, label=label, writes=False, roles=roles | {R.AUDITOR})


def _write(code: str, label: str | Promise, roles: frozenset[Role]) -> Permission:
    return Permission(code=code, label=label, writes=True, roles=roles - {R.AUDITOR})


PERMISSIONS: dict[str, Permission] = {
    p.code: p
    for p in [
        _read("partnership.view", _("See the partnership's workspace"), ALL_ROLES),
        _write(
            "partnership.manage",
            _("Change the partnership's details and organizations"),
            frozenset({R.PARTNERSHIP_ADMIN}),
        ),
        _read("school.view", _("See schools"), ALL_ROLES),
        _write(
            "school.manage",
            _("Add and change schools"),
            frozenset({R.PARTNERSHIP_ADMIN, R.DISTRICT_LEADER}),
        ),
        _read("member.view", _("See members and their roles"), STAFF),
        _write(
            "member.manage",
            _("Add members, change roles, remove members"),
            frozenset({R.PARTNERSHIP_ADMIN}),
        ),
        _read("audit.view", _("Browse the audit trail"), frozenset({R.PARTNERSHIP_ADMIN})),
    ]
}

UNKNOWN_PERMISSION = "Unknown permission {code!r}: declare it in secure.partnerships.roles."


def role_can(role: str, code: str) -> bool:
    """Whether ``role`` holds the permission ``code``."""
    try:
        permission = PERMISSIONS[code]
    except KeyError:
        raise KeyError(UNKNOWN_PERMISSION.format(code=code)) from None
    return role in permission.roles


def permissions_table_markdown() -> str:
    """The role-by-permission table as Markdown, for docs/roles.md."""
    roles = list(Role)
    header = "| permission | " + " | ".join(str(r.label) for r in roles) + " |"
    rule = "|---|" + "---|" * len(roles)
    lines = [header, rule]
    for permission in PERMISSIONS.values():
        marks = " | ".join("yes" if r in permission.roles else "" for r in roles)
        lines.append(f"| `{permission.code}` {permission.label} | {marks} |")
    return "\n".join(lines) + "\n"
