class SecurityHeadersMiddleware:
    """Headers that Django's SecurityMiddleware and django-csp do not set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", "camera=(self), geolocation=(), microphone=(), payment=(), usb=()")
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
