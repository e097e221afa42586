import pytest


@pytest.fixture(autouse=True)
def login_file(settings, tmp_path):
    """The demo's login file and generated images go to a temporary folder."""
    settings.DEMO_LOGIN_FILE = str(tmp_path / "var" / "demo-login.txt")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "var" / "demo-login.txt"
