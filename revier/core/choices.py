"""Choice lists that more than one app uses."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    """Where a person works: the registration's sector (events) and the kind of a network profile."""

    SME = "kmu", _("Business – SME")
    LARGE = "gross", _("Business – large company")
    SCIENCE = "wissenschaft", _("Science")
    POLITICS = "politik", _("Politics")
    ADMINISTRATION = "verwaltung", _("Administration")
    CHAMBER = "kammer", _("Chamber / association")
    CIVIL = "zivil", _("Civil society")
    OTHER = "sonstiges", _("Other")
