"""Views of the contingents app, one module per audience."""

from revier.contingents.views.public import *  # noqa: F401,F403
from revier.contingents.views.staff import *  # noqa: F401,F403
