from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo: its seed and its commands (``seed_demo``, ``demo_totp``, ``seed_marking_demo``).

    Installed only outside production (see ``settings.INSTALLED_APPS``): the demo knows every
    app, no app knows the demo, so a production site neither imports it nor offers its commands.
    """

    name = "aicert.demo"
    verbose_name = "Demo"
