#!/usr/bin/env python
import os
import sys


def main() -> None:
    # No quiet fallback: the local settings (debug on, a published secret key, demo logins
    # spared MFA) must never be what a forgotten variable gives a server.
    if not os.environ.get("DJANGO_SETTINGS_MODULE"):
        sys.exit(
            "manage.py: set DJANGO_SETTINGS_MODULE (config.settings.local to develop, "
            "config.settings.production to serve)."
        )
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
