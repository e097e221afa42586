from revier.pages.models import Page


def page_get(*, slug: str) -> Page | None:
    """The page with this slug, or None. One query; only the fields a page view shows."""
    return Page.objects.only("title", "slug", "body_html", "updated_at").filter(slug=slug).first()
