"""Who may do what with the news: a plain function, used by the preview page and the admin alike."""

EDIT_PERMISSION = "news.change_article"


def can_edit_news(user) -> bool:
    """Active staff granted "Can change article" (the role Redaktion), and superusers, write
    articles and see drafts and scheduled articles in the preview."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or (user.is_staff and user.has_perm(EDIT_PERMISSION))
