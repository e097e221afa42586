"""Views of the network app, one module per audience."""

from revier.network.views.public import *  # noqa: F401,F403
from revier.network.views.profiles import *  # noqa: F401,F403
from revier.network.views.directory import *  # noqa: F401,F403
