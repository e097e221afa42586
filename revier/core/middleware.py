import http.client
import time
from functools import cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib.auth import logout
from django.core.signals import setting_changed
from django.shortcuts import redirect
from django.utils import translation

from revier.core.api import PREFIX as API_PREFIX
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


class LanguageFromPathMiddleware:
    """The page's language comes from its address alone: English below /en/, German (the default)
    without a prefix (i18n_patterns in revier/urls.py). Unlike Django's LocaleMiddleware it reads no
    language cookie and no Accept-Language header, so an address always shows the same page (the
    page cache keys on the address) and a reader never gets a cookie or a redirect for the language.
    The language is active only for this request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SecurityHeadersMiddleware:
    """Headers that Django's SecurityMiddleware and django-csp do not set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", "camera=(self), geolocation=(), microphone=(), payment=(), usb=()")
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


def _api(request) -> bool:
    # The public API (core.api) is no part of a session: neither read nor extended nor redirected.
    return request.path_info.startswith(API_PREFIX)


class NoCookieOnApiMiddleware:
    """First in MIDDLEWARE, so its answer is the last word: no answer of the API (`/api/`) carries a
    Set-Cookie, whatever a middleware inside it (the session's, CSRF's) would add; core.api's
    api_view clears the view's cookies, this clears what comes after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _api(request):
            response.cookies.clear()
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
        if settings.SESSION_COOKIE_NAME in request.COOKIES and not _api(request):
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
        if settings.SESSION_COOKIE_NAME not in request.COOKIES or _api(request):
            return None
        if not second_factor_required(request.user):
            return None
        if second_factor_verified(request) or request.resolver_match.view_name in self.OPEN_VIEWS:
            return None
        return redirect(second_factor_url(next_url=request.get_full_path()))


@cache
def _site_policies() -> tuple[str, str]:
    """The site's Content-Security-Policy and its report-only twin, as django-csp builds them for a
    response without a decorator's change and without a nonce (the same for every such response)."""
    return build_policy(), build_policy(report_only=True)


def _forget_site_policies(*, setting, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _site_policies.cache_clear()


setting_changed.connect(_forget_site_policies, dispatch_uid="revier-csp-policies")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the site's policy built once, not twice per response: a response
    that a view changed (csp_update, csp_exempt, …) or that used a nonce goes through django-csp's own
    code; every other gets the same headers from `_site_policies` (docs/performance.md)."""

    OWN_ATTRIBUTES = ("_csp_config", "_csp_update", "_csp_replace", "_csp_config_ro", "_csp_update_ro",
                      "_csp_replace_ro", "_csp_exempt", "_csp_exempt_ro")

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
                hasattr(response, name) for name in self.OWN_ATTRIBUTES):
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in (http.client.INTERNAL_SERVER_ERROR, http.client.NOT_FOUND):
            return response
        policy, report_only = _site_policies()
        for header, value, setting in ((HEADER, policy, "CONTENT_SECURITY_POLICY"),
                                       (HEADER_REPORT_ONLY, report_only, "CONTENT_SECURITY_POLICY_REPORT_ONLY")):
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES", None) or ()
            if value and header not in response and not request.path_info.startswith(tuple(prefixes)):
                response[header] = value
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
