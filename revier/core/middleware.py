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
