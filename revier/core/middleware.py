from revier.core.params import enforce_input_rule


class InputRuleMiddleware:
    """The site's one input rule for control characters (core.params): 400 before any view or the
    admin reads the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
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
