#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "apexzone.settings")
    # manage.py is the developer's command line: local development unless the environment
    # says otherwise. Production sets DEBUG=false (README "Production"); the web (wsgi) and
    # the Celery workers never take this default.
    os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line  # noqa: PLC0415

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
