"""Demo data: two made-up partnerships, their schools and organizations, and one account per role.

Everything here is generated; no real person, school or record. Other apps add their own demo
content by registering a seeder with ``demo_seeder_register``; seeders run after the base data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from secure.audit.context import AuditActor, acting_as
from secure.partnerships.models import Organization, Partnership, School
from secure.partnerships.roles import Role
from secure.partnerships.services import (
    membership_add,
    organization_create,
    partnership_create,
    school_create,
)

DEMO_PASSWORD = "secure-demo-2026"  # noqa: S105  (published demo credential, demo data only)
DEMO_DOMAIN = "example.org"  # reserved for documentation (RFC 2606): no real mailbox


@dataclass(frozen=True)
class DemoPartnership:
    slug: str
    name: str
    district: str
    agency: str
    state: str
    city: str
    nces_district: str  # 7 digits; 99 is not a real state FIPS code, so these ids are never real
    schools: tuple[tuple[str, str], ...]
    stakeholders: tuple[tuple[str, str], ...]


PARTNERSHIPS = (
    DemoPartnership(
        slug="riverside",
        name="Riverside Schools–Police Partnership",
        district="Riverside Unified School District",
        agency="Riverside Police Department",
        state="VA",
        city="Riverside",
        nces_district="9900001",
        schools=(
            ("Riverside High School", School.Level.HIGH),
            ("North Riverside High School", School.Level.HIGH),
            ("Riverside Middle School", School.Level.MIDDLE),
            ("Oak Street Middle School", School.Level.MIDDLE),
            ("Maple Elementary School", School.Level.ELEMENTARY),
            ("Harbor View Elementary School", School.Level.ELEMENTARY),
        ),
        stakeholders=(
            ("Riverside County Juvenile Court", Organization.Kind.JUVENILE_JUSTICE),
            ("Riverside Public Defender's Office", Organization.Kind.JUVENILE_JUSTICE),
            ("Riverside Civil Rights Coalition", Organization.Kind.CIVIL_RIGHTS),
            ("Riverside Parents Council", Organization.Kind.COMMUNITY),
        ),
    ),
    DemoPartnership(
        slug="lakeside",
        name="Lakeside School Safety Partnership",
        district="Lakeside Public Schools",
        agency="Lakeside County Sheriff's Office",
        state="VA",
        city="Lakeside",
        nces_district="9900002",
        schools=(
            ("Lakeside High School", School.Level.HIGH),
            ("Lakeside Middle School", School.Level.MIDDLE),
            ("Cedar Elementary School", School.Level.ELEMENTARY),
            ("Lakeside Academy", School.Level.COMBINED),
        ),
        stakeholders=(
            ("Lakeside Juvenile Probation", Organization.Kind.JUVENILE_JUSTICE),
            ("Lakeside Youth Development Network", Organization.Kind.COMMUNITY),
        ),
    ),
)

# Made-up names, one per role, reused in both partnerships with a different surname.
_FIRST_NAMES = {
    Role.PARTNERSHIP_ADMIN: "Alex",
    Role.DISTRICT_LEADER: "Morgan",
    Role.AGENCY_LEADER: "Jordan",
    Role.SCHOOL_ADMIN: "Taylor",
    Role.SRO: "Casey",
    Role.DATA_ANALYST: "Riley",
    Role.COMPLAINT_INVESTIGATOR: "Jamie",
    Role.COMMUNITY_STAKEHOLDER: "Avery",
    Role.AUDITOR: "Quinn",
}
_SURNAMES = {"riverside": "Rivers", "lakeside": "Lake"}
# One person in both partnerships, to show the switcher.
MULTI_EMAIL = f"multi@{DEMO_DOMAIN}"
MULTI_ROLES = {"riverside": Role.DISTRICT_LEADER, "lakeside": Role.DATA_ANALYST}


def demo_email(*, slug: str, role: str) -> str:
    """The demo account of ``role`` in the partnership ``slug``."""
    return f"{role.replace('_', '-')}@{slug}.{DEMO_DOMAIN}"


def demo_users() -> list[dict[str, str]]:
    """Every demo sign-in: e-mail, password, partnership slug and role."""
    users = [
        {
            "email": demo_email(slug=p.slug, role=role),
            "password": DEMO_PASSWORD,
            "partnership": p.slug,
            "role": str(role),
        }
        for p in PARTNERSHIPS
        for role in Role
    ]
    users += [
        {"email": MULTI_EMAIL, "password": DEMO_PASSWORD, "partnership": slug, "role": str(role)}
        for slug, role in MULTI_ROLES.items()
    ]
    return users


Seeder = Callable[[Partnership], None]
_seeders: list[Seeder] = []


def demo_seeder_register(seeder: Seeder) -> None:
    """Let an app add its demo content to each demo partnership."""
    if seeder not in _seeders:
        _seeders.append(seeder)


def demo_exists() -> bool:
    """Whether the demo partnerships are already in the database."""
    return Partnership.objects.filter(slug__in=[p.slug for p in PARTNERSHIPS]).exists()


def _seed_partnership(spec: DemoPartnership) -> Partnership:
    partnership = partnership_create(
        name=spec.name,
        slug=spec.slug,
        district_name=spec.district,
        agency_name=spec.agency,
        state=spec.state,
    )
    for name, kind in spec.stakeholders:
        organization_create(partnership=partnership, name=name, kind=kind)
    for index, (name, level) in enumerate(spec.schools, start=1):
        school_create(
            partnership=partnership,
            name=name,
            level=level,
            nces_id=f"{spec.nces_district}{index:05d}",
            street_address=f"{100 * index} School Street",
            city=spec.city,
            state=spec.state,
            zip_code=f"2{index:04d}",
        )
    district = Organization.objects.get(
        partnership=partnership, kind=Organization.Kind.SCHOOL_DISTRICT
    )
    agency = Organization.objects.get(
        partnership=partnership, kind=Organization.Kind.LAW_ENFORCEMENT
    )
    for role in Role:
        organization: Organization | None = (
            agency if role in {Role.AGENCY_LEADER, Role.SRO} else district
        )
        if role in {Role.COMMUNITY_STAKEHOLDER, Role.AUDITOR}:
            organization = None
        membership_add(
            partnership=partnership,
            email=demo_email(slug=spec.slug, role=role),
            role=role,
            full_name=f"{_FIRST_NAMES[role]} {_SURNAMES[spec.slug]}",
            organization=organization,
            password=DEMO_PASSWORD,
        )
    membership_add(
        partnership=partnership,
        email=MULTI_EMAIL,
        role=MULTI_ROLES[spec.slug],
        full_name="Sam Multi",
        password=DEMO_PASSWORD,
    )
    return partnership


def demo_seed() -> list[Partnership]:
    """Create the demo partnerships and everything in them, in one transaction."""
    with acting_as(AuditActor(label="system: secure demo")), transaction.atomic():
        partnerships = [_seed_partnership(spec) for spec in PARTNERSHIPS]
        for partnership in partnerships:
            for seeder in _seeders:
                seeder(partnership)
    return partnerships
