"""Views of the events app, one module per audience."""

from revier.events.views.public import *  # noqa: F401,F403
from revier.events.views.registration import *  # noqa: F401,F403
from revier.events.views.organiser import *  # noqa: F401,F403
