"""`daboard users create-admin`: the first administrator of a new installation."""

from __future__ import annotations

import getpass
import os

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from daboard.core.audit import audit_record
from daboard.core.audit_actions import CoreAudit
from daboard.core.models import Role, RoleAssignment, User


class Command(BaseCommand):
    help = "Manage accounts from the command line: create-admin."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create-admin", help="create an administrator account")
        create.add_argument("--username", required=True)
        create.add_argument("--email", required=True)
        create.add_argument("--name", default="", help="full name")

    def handle(self, *args, action: str, **options):
        if action == "create-admin":
            self._create_admin(options["username"], options["email"], options["name"])

    def _create_admin(self, username: str, email: str, name: str) -> None:
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        password = os.environ.get("DABOARD_ADMIN_PASSWORD") or getpass.getpass("Password: ")
        user = User(username=username, email=email, first_name=name)
        try:
            password_validation.validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("Password refused: " + " ".join(exc.messages)) from exc
        with transaction.atomic():
            user.set_password(password)
            user.save()
            RoleAssignment.objects.create(user=user, role=Role.ADMIN)
            audit_record(actor=None, action=CoreAudit.USER_CREATED, obj=user, detail={"via": "command line", "role": "admin"})
        self.stdout.write(f"Administrator {username} created. They set up two-factor sign-in at first sign-in.")
