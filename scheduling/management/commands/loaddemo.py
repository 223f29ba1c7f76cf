"""python manage.py loaddemo: load the demo roster once (idempotent) and print the logins."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from scheduling.demo import load_demo, logins


class Command(BaseCommand):
    help = "Load the demo coach and roster (unless already loaded) and print the logins."

    def handle(self, *args: Any, **options: Any) -> None:
        loaded = load_demo()
        self.stdout.write("Demo loaded." if loaded else "Demo already loaded.")
        self.stdout.write("Logins (password for all: shown beside each):")
        for role, email, password in logins():
            self.stdout.write(f"  {role:<40} {email:<26} password: {password}")
        self.stdout.write("Portal: http://127.0.0.1:8000/   Admin: http://127.0.0.1:8000/admin/")
