"""python manage.py createcoach --email E --password P  (prompts for what is missing)."""

from __future__ import annotations

import getpass
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from athletes.services import coach_create
from core.errors import DomainError


class Command(BaseCommand):
    help = "Create a coach: a staff user in the Coaches group, with a first roster."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email")
        parser.add_argument("--password")
        parser.add_argument("--name", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"] or input("Email: ").strip()
        password = options["password"]
        if not password:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords do not match.")
        try:
            validate_password(password)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        try:
            coach = coach_create(email=email, password=password, name=options["name"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(f"Coach {coach.email} created."))
