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
        _read(
            "rubric.view",
            _("See the rubric, assessments, action plans, schedules and reports"),
            ALL_ROLES,
        ),
        _read(
            "rubric.files",
            _("Open files uploaded as rubric evidence"),
            STAFF,
        ),
        _write(
            "rubric.manage",
            _("Run assessments: statuses, owners, due dates, evidence, schedules, reminders"),
            LEADERS,
        ),
        _write(
            "rubric.task",
            _("Update the rubric items and schedules assigned to you; subscribe to your calendar"),
            STAFF,
        ),
        _write(
            "rubric.comment",
            _("Comment on rubric items (community stakeholders where the partnership allows)"),
            ALL_ROLES,
        ),
        _read(
            "complaint.view",
            _("See the complaint queue and case summaries (not contact details or narratives)"),
            LEADERS | {R.COMPLAINT_INVESTIGATOR},
        ),
        _write(
            "complaint.manage",
            _("Assign complaints, change their status, add notes, write to complainants"),
            LEADERS | {R.COMPLAINT_INVESTIGATOR},
        ),
        _read(
            "complaint.contact_view",
            _("Read complainants' contact details, narratives and attachments (views recorded)"),
            frozenset({R.COMPLAINT_INVESTIGATOR, R.PARTNERSHIP_ADMIN}),
        ),
        _read(
            "complaint.report",
            _("See complaint reports (small groups suppressed)"),
            LEADERS | {R.COMPLAINT_INVESTIGATOR, R.DATA_ANALYST},
        ),
        _write(
            "complaint.configure",
            _("Set complaint deadlines, retention and response templates"),
            frozenset({R.PARTNERSHIP_ADMIN, R.COMPLAINT_INVESTIGATOR}),
        ),
        _read(
            "incident.view",
            _("See incidents, the (pseudonymous) students involved and the actions taken"),
            LEADERS | {R.DATA_ANALYST, R.SCHOOL_ADMIN, R.SRO},
        ),
        _read(
            "incident.narrative",
            _("Read incident narratives (sensitive)"),
            LEADERS | {R.SCHOOL_ADMIN, R.SRO},
        ),
        _write(
            "incident.record",
            _("Record an incident with its students and actions"),
            LEADERS | {R.SCHOOL_ADMIN, R.SRO},
        ),
        _write(
            "data.import",
            _("Import incident, enrollment, officer and CRDC files"),
            LEADERS | {R.DATA_ANALYST},
        ),
        _read(
            "data.analyze",
            _("See discipline and law-enforcement dashboards, equity flags and count exports"),
            LEADERS | {R.DATA_ANALYST, R.SCHOOL_ADMIN, R.SRO},
        ),
        # MOUs (issue 7): analyses, the clause library.
        _read(
            "mou.view",
            _("See MOU analyses and the clause library"),
            ALL_ROLES,
        ),
        _write(
            "mou.analyze",
            _("Upload an MOU for analysis; mark the MOU in force"),
            LEADERS,
        ),
        _write(
            "mou.draft",
            _("Draft MOUs, save versions, open them for comments, answer comments, adopt"),
            LEADERS,
        ),
        _write("mou.comment", _("Comment on an MOU draft when invited to review it"), ALL_ROLES),
        _write(
            "mou.approve",
            _("Approve an MOU draft for the district or the agency"),
            frozenset({R.DISTRICT_LEADER, R.AGENCY_LEADER}),
        ),
        _write(
            "mou.acknowledge",
            _("Acknowledge the adopted MOU (read and discussed)"),
            frozenset({R.SCHOOL_ADMIN, R.SRO}),
        ),
        # Surveys and 360° feedback (issue 8).
        _read("survey.view", _("See survey instruments, campaigns and their links"), STAFF),
        _write(
            "survey.manage",
            _("Add instruments, start survey campaigns, print one-time codes"),
            LEADERS | {R.DATA_ANALYST},
        ),
        _read(
            "survey.results",
            _("See survey results (small groups suppressed) and export them"),
            LEADERS | {R.DATA_ANALYST, R.SCHOOL_ADMIN},
        ),
        _read(
            "survey.free_text",
            _("Read written survey answers (never published)"),
            frozenset({R.PARTNERSHIP_ADMIN, R.DISTRICT_LEADER, R.DATA_ANALYST}),
        ),
        # People (issue 9): officers, training, hiring, evaluation.
        _read(
            "personnel.view",
            _("See officers, school assignments, the training catalogue, sessions and compliance"),
            STAFF,
        ),
        _write(
            "personnel.manage",
            _("Add officers and school staff and assign them to schools"),
            LEADERS,
        ),
        _write(
            "training.manage",
            _("Edit the training catalogue, record sessions and attendance, plan onboarding"),
            LEADERS | {R.SCHOOL_ADMIN},
        ),
        _write(
            "training.suggest",
            _("Suggest what SRO and staff training should cover"),
            STAFF,
        ),
        _read(
            "hiring.view",
            _("See the SRO hiring guidelines, their versions and the comments on drafts"),
            ALL_ROLES,
        ),
        _write(
            "hiring.panel",
            _("Comment on draft hiring guidelines; fill in your own interview scorecards"),
            ALL_ROLES,
        ),
        _read(
            "hiring.candidates",
            _("See candidates, every scorecard and the panel's aggregate (confidential)"),
            LEADERS,
        ),
        _write(
            "hiring.manage",
            _("Draft and publish hiring guidelines; add candidates and interview panels"),
            LEADERS,
        ),
        _read(
            "evaluation.view",
            _("See SRO evaluations, their data indicators and ratings (confidential)"),
            LEADERS,
        ),
        _write(
            "evaluation.manage",
            _("Schedule and complete SRO evaluations; record commendations"),
            LEADERS,
        ),
        # Public page (issue 10).
        _read(
            "portal.preview",
            _("Preview the public page as the public will see it, before it is published"),
            LEADERS | {R.DATA_ANALYST, R.COMPLAINT_INVESTIGATOR, R.SCHOOL_ADMIN},
        ),
        _write(
            "portal.manage",
            _("Choose what the public page shows; publish it or take it down"),
            LEADERS,
        ),
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
