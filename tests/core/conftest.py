import pytest

from revier.core import ratelimit
from revier.core.mfa import second_factor_confirm, totp_device_pending
from tests.factories import StaffFactory, totp_code


@pytest.fixture
def clock(monkeypatch):
    """The rate limits' clock (time.time), stopped in the middle of a window: a test's attempts
    never straddle the end of one (the windows are fixed, see core.ratelimit). Move it with
    clock[0] += seconds. The login tests use it for every test (pytest.mark.usefixtures("clock"));
    tests/core/test_session_idle.py has a clock of its own."""
    now = [1_800_000_450.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    return now


@pytest.fixture
def staff_with_app(clock):
    """Makes a staff account (StaffFactory(**kwargs)) with a confirmed app, set up through the
    services one time step ago on the clock above (its setup code is used up); returns (user,
    device, recovery codes)."""

    def make(**kwargs):
        user = StaffFactory(**kwargs)
        device = totp_device_pending(user=user)
        codes = second_factor_confirm(device=device, code=totp_code(device))
        clock[0] += device.step
        device.refresh_from_db()
        return user, device, codes

    return make
