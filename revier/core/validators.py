from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _


def validate_link_target(value: str) -> None:
    """A link is either a path on this site (/…) or a full http(s) address."""
    if value.startswith("/") and not value.startswith("//"):
        return
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ValidationError(
            _("Please enter a full address starting with https:// or a path on this site starting with /."),
            code="invalid_link",
        ) from None
