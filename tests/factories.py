"""Factories that build test data through the real services."""

from __future__ import annotations

import factory

from secure.accounts.models import User
from secure.partnerships import services
from secure.partnerships.models import Membership, Partnership, School
from secure.partnerships.roles import Role

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def partnership_make(slug: str = "", **fields: str) -> Partnership:
    """A partnership created by ``partnership_create``, with its district and agency."""
    n = Partnership.objects.count() + 1
    slug = slug or f"partnership-{n}"
    return services.partnership_create(
        name=fields.get("name", f"Partnership {slug}"),
        slug=slug,
        district_name=fields.get("district_name", f"District {slug}"),
        agency_name=fields.get("agency_name", f"Agency {slug}"),
        state=fields.get("state", "VA"),
    )


def member_make(
    partnership: Partnership, role: str = Role.PARTNERSHIP_ADMIN, **fields: str
) -> Membership:
    """A member with ``role`` in ``partnership`` whose password is ``PASSWORD``."""
    email = (
        fields.pop("email", "")
        or f"{role}-{Membership.objects.count()}@{partnership.slug}.example.org"
    )
    return services.membership_add(
        partnership=partnership, email=email, role=role, password=PASSWORD, **fields
    )


def school_make(partnership: Partnership, **fields: str) -> School:
    """A school of ``partnership``."""
    n = School.objects.count() + 1
    data = {"name": f"School {n}", "level": School.Level.HIGH, "nces_id": f"99000{n:07d}"}
    data.update(fields)
    return services.school_create(partnership=partnership, **data)
