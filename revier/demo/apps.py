from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo content (data files in this folder) and `manage.py load_demo`, at the top of the
    house: it uses every app, no app uses it."""

    name = "revier.demo"
    label = "demo"
    verbose_name = _("Demo content")
