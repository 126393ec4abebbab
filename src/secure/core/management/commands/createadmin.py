"""``secure createadmin``: an administrator account, optionally with its own partnership."""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from secure.accounts.models import User
from secure.audit.context import AuditActor, acting_as
from secure.partnerships.models import Membership, Partnership
from secure.partnerships.roles import Role
from secure.partnerships.services import membership_add, partnership_create


class Command(BaseCommand):
    help = (
        "Create a platform administrator. With --partnership, also create that partnership "
        "(if new) and make the account its partnership administrator."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", default="")
        parser.add_argument("--password", help="Default: $SECURE_ADMIN_PASSWORD, else a prompt.")
        parser.add_argument("--partnership", help="Slug of the partnership to administer.")
        parser.add_argument("--partnership-name")
        parser.add_argument("--district")
        parser.add_argument("--agency")
        parser.add_argument("--state", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        password = options["password"] or os.environ.get("SECURE_ADMIN_PASSWORD")
        user = User.objects.filter(email__iexact=email).first()
        if user is None and not password:
            password = getpass.getpass("Password: ")
        if password:
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        with acting_as(AuditActor(label="system: secure createadmin")), transaction.atomic():
            if user is None:
                user = User.objects.create_superuser(
                    email=email, password=password, full_name=options["name"]
                )
                self.stdout.write(self.style.SUCCESS(f"Created administrator {email}."))
            else:
                user.is_staff = user.is_superuser = True
                if password:
                    user.set_password(password)
                user.save()
                self.stdout.write(f"{email} exists; made administrator.")
            if options["partnership"]:
                self._administer(user, options)

    def _administer(self, user: User, options: dict[str, Any]) -> None:
        slug = options["partnership"]
        partnership = Partnership.objects.filter(slug=slug).first()
        if partnership is None:
            missing = [
                f"--{n}"
                for n in ("partnership-name", "district", "agency")
                if not options[n.replace("-", "_")]
            ]
            if missing:
                raise CommandError(f"A new partnership needs {', '.join(missing)}.")
            try:
                partnership = partnership_create(
                    name=options["partnership_name"],
                    slug=slug,
                    district_name=options["district"],
                    agency_name=options["agency"],
                    state=options["state"],
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            self.stdout.write(self.style.SUCCESS(f"Created partnership {slug}."))
        membership = Membership.objects.filter(user=user, partnership=partnership).first()
        if membership is None:
            membership_add(partnership=partnership, email=user.email, role=Role.PARTNERSHIP_ADMIN)
        elif membership.role != Role.PARTNERSHIP_ADMIN or not membership.is_active:
            membership.role, membership.is_active = Role.PARTNERSHIP_ADMIN, True
            membership.save()
        self.stdout.write(f"{user.email} administers {slug}.")
