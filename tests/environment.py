"""The environment of a test run, set before pytest-django reads the settings (`-p tests.environment`
in pytest.ini; a conftest would come too late).

Tests run with DEBUG off, where the settings refuse to start without SECRET_KEY and SITE_URL. Values
the caller set (`make test` exports both) are kept.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-3c9f0e6b1a7d4f28b5e2c8a1d9f6b3e07a4c2d8f5b1e9a6c3f0d7b4e2a8c5f1")
os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")
