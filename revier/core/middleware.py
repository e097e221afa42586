import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect

from revier.core.mfa import second_factor_required, second_factor_url, second_factor_verified
from revier.core.params import body_too_large, enforce_input_rule
from revier.core.views import request_too_large


class InputRuleMiddleware:
    """The site's one input rule (core.params), before any view or the admin reads the request: a
    body larger than the page takes gets 413, a control character 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if body_too_large(request):
            return request_too_large(request)
        enforce_input_rule(request)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Headers that Django's SecurityMiddleware and django-csp do not set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", "camera=(self), geolocation=(), microphone=(), payment=(), usb=()")
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class SessionIdleTimeoutMiddleware:
    """Ends the session of a logged-in person after settings.SESSION_IDLE_MINUTES without a request
    (after AuthenticationMiddleware). The time of the last request is kept in the session and written
    at most once a minute, so a staff page costs no extra write. A request without a session cookie
    (every anonymous reader) is not looked at: no session is read, no cookie set, no Vary added."""

    LAST_SEEN = "_revier_last_seen"
    WRITE_EVERY_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            self._check(request)
        return self.get_response(request)

    @classmethod
    def logged_in(cls, sender, request, user, **kwargs) -> None:
        """Receives user_logged_in (connected in CoreConfig.ready): the idle time starts with the login,
        stored with it, so that the first page after it writes nothing."""
        if request is not None and hasattr(request, "session"):
            request.session[cls.LAST_SEEN] = time.time()

    def _check(self, request) -> None:
        if not request.user.is_authenticated:
            return
        now = time.time()
        last_seen = request.session.get(self.LAST_SEEN)
        if last_seen is not None and now - last_seen > settings.SESSION_IDLE_MINUTES * 60:
            logout(request)  # the request goes on as anonymous: a staff page leads to the login
        elif last_seen is None or now - last_seen >= self.WRITE_EVERY_SECONDS:
            request.session[self.LAST_SEEN] = now


class SecondFactorMiddleware:
    """A person who must confirm the login with a second factor (core.mfa.second_factor_required)
    and whose session has not done so reaches only the login's own pages: every other address (the
    staff pages, the admin, also the public pages) leads to the second factor, then on to where
    they wanted to go. Like the idle timeout it looks only at requests with a session cookie, and
    it reads the session's mark, no query."""

    OPEN_VIEWS = frozenset({
        "login", "logout", "admin-login", "second_factor", "second_factor_setup",
        "password_reset", "password_reset_done", "password_reset_confirm", "password_reset_complete",
    })

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES or not second_factor_required(request.user):
            return None
        if second_factor_verified(request) or request.resolver_match.view_name in self.OPEN_VIEWS:
            return None
        return redirect(second_factor_url(next_url=request.get_full_path()))
