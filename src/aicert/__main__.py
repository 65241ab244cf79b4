"""The ``aicert`` console command for operators: ``aicert migrate``, ``aicert seed_demo``…

It is Django's ``manage.py`` with the project's settings preselected.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aicert.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
