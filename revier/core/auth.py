"""The one staff login (`/anmelden/`, also for the Django admin) and its throttle.

Failed attempts are counted per account (the user name typed, whether it exists or not) and per
client (core.ratelimit: the address, IPv6 by /64) in windows of settings.LOGIN_WINDOW_MINUTES. An
attempt beyond settings.LOGIN_FAILURES_PER_ACCOUNT or LOGIN_FAILURES_PER_CLIENT is refused before
the password is checked, so guessing on is useless, from this client or from any other. Every
attempt counts first and a successful one is taken back: many attempts sent at once cannot slip
past the limit between checking and counting.
"""

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME, authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import ngettext

from revier.core import ratelimit

LOGIN_ACCOUNT_SCOPE = "login-account"
LOGIN_CLIENT_SCOPE = "login-client"


def _window_seconds() -> int:
    return settings.LOGIN_WINDOW_MINUTES * 60


def _account_key(username: str) -> str:
    # "Orga" and "orga " count as the same account: a different spelling gives no fresh attempts.
    return " ".join(str(username).split()).casefold()


def login_attempt_allowed(*, request, username: str) -> bool:
    """Counts one login attempt for the account `username` and the client of `request` and says
    whether the password may be checked: False once either has used up its failed attempts in the
    current window. Call login_attempt_succeeded after a successful check."""
    window = _window_seconds()
    account_ok = ratelimit.hit_key(scope=LOGIN_ACCOUNT_SCOPE, key=_account_key(username),
                                   limit=settings.LOGIN_FAILURES_PER_ACCOUNT, window_seconds=window)
    client_ok = ratelimit.hit(scope=LOGIN_CLIENT_SCOPE, request=request,
                              limit=settings.LOGIN_FAILURES_PER_CLIENT, window_seconds=window)
    return account_ok and client_ok


def login_attempt_succeeded(*, request, username: str) -> None:
    """Takes the attempt counted by login_attempt_allowed back: it was no failure. The failures
    before it stay counted, for the account and for the client."""
    window = _window_seconds()
    ratelimit.unhit_key(scope=LOGIN_ACCOUNT_SCOPE, key=_account_key(username), window_seconds=window)
    ratelimit.unhit_key(scope=LOGIN_CLIENT_SCOPE, key=ratelimit.client_address(request), window_seconds=window)


def login_failures_forget(*, username: str) -> None:
    """Ends the lock of an account (its owner has just set a new password by mail); the counters
    of clients stay."""
    ratelimit.clear_key(scope=LOGIN_ACCOUNT_SCOPE, key=_account_key(username), window_seconds=_window_seconds())


def throttled_message() -> str:
    minutes = settings.LOGIN_WINDOW_MINUTES
    return ngettext(
        "Too many login attempts. Please wait %(minutes)d minute or reset your password.",
        "Too many login attempts. Please wait %(minutes)d minutes or reset your password.",
        minutes,
    ) % {"minutes": minutes}


class StaffLoginForm(AuthenticationForm):
    """Django's login form with the throttle: a throttled attempt is refused with a German message
    (`throttled` is then True) and the password is not checked at all."""

    throttled = False

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            if not login_attempt_allowed(request=self.request, username=username):
                self.throttled = True
                raise ValidationError(throttled_message(), code="throttled")
            self.user_cache = authenticate(self.request, username=username, password=password)
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            login_attempt_succeeded(request=self.request, username=username)
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class StaffLoginView(LoginView):
    """`/anmelden/`: organisers, the editorial team and administrators (the admin's login leads
    here). A throttled attempt is answered with 429 and the form, the user name kept."""

    form_class = StaffLoginForm
    template_name = "core/auth/login.html"
    redirect_authenticated_user = False

    def get_context_data(self, **kwargs):
        # Django's LoginView puts the host into site_name (django.contrib.sites is not used); the
        # page's title and header show the platform's name instead.
        return {**super().get_context_data(**kwargs), "site_name": settings.SITE_NAME}

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.throttled:
            response.status_code = 429
        return response


def admin_login(request):
    """The admin's login address (`/verwaltung/login/`, where the admin sends people who are not
    logged in) leads to the one staff login with its throttle; nothing sent here is checked."""
    next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
    return redirect(f"{reverse('login')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")
