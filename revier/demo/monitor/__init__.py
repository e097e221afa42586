"""The Monitor's demo survey: spec (survey.yaml), generator (generate.py) and its import (load.py)."""
