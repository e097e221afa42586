"""Pages that partner sites may show in an `<iframe>` (the widget, issue 13 §3).

Every other page forbids framing (`X-Frame-Options: DENY`, `frame-ancestors 'none'`: settings). A
view decorated with `framable` answers with `frame-ancestors 'self'` and the origins staff allow
(models.EmbedOrigin), and without X-Frame-Options, which knows no list. The decorator goes outside
core.cache.cache_public_page: the cache keeps what the view sets, the middleware's headers are made
again for every answer, so a page from the cache is framable too, and with the list as it is now.

The list is read once per content generation (core.fragments.kept): a change to it starts a new
generation (EmbedOrigin is registered as content), so the next answer carries it, and a cached
widget page costs no query for it.
"""

from functools import wraps

from revier.core.fragments import kept
from revier.core.models import EmbedOrigin


def embed_origins() -> tuple[str, ...]:
    """The origins that may frame the framable pages, sorted."""
    return kept("core:embed-origins", [], lambda: tuple(EmbedOrigin.objects.order_by("origin")
                                                        .values_list("origin", flat=True)))


def framable(view):
    """Lets the allowed partner sites (and Revier itself) show the view's page in a frame."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.xframe_options_exempt = True
        response._csp_replace = {"frame-ancestors": ["'self'", *embed_origins()]}
        # The partner's page embeds ours: a partner that isolates itself (Cross-Origin-Embedder-Policy)
        # may still load it. The page is public and sets no cookie.
        response["Cross-Origin-Resource-Policy"] = "cross-origin"
        return response

    return wrapped
