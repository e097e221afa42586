import re

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


# One host name label: letters, digits and hyphens, not at either end (RFC 1123).
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_ORIGIN = re.compile(r"^https://(?P<host>[^/:?#@\s*]+)(?::(?P<port>[0-9]{1,5}))?$")


def normalise_embed_origin(value: str) -> str:
    """An origin as a browser sends it in `frame-ancestors` matching: `https://host[:port]`, host in
    lower case and IDNA (xn--…) form, the default port 443 left out. Anything else raises
    ValidationError: another scheme (a partner page over plain http can be changed by anyone on its
    network), a path, query or user name, an IP address, a host without a dot, and wildcards. A
    wildcard (`https://*.example.org`) would let every subdomain frame the widget, also those a
    partner hands to others (students' pages, customers' shops): each partner host is listed on its own.
    The result is safe in a header: only letters, digits, hyphens, dots, colon and slashes."""
    invalid = ValidationError(
        _("Please enter the address of the partner's site as https://host or https://host:port, "
          "without a path and without wildcards, e.g. https://www.w3-fair.de."),
        code="invalid_embed_origin",
    )
    match = _ORIGIN.match((value or "").strip().rstrip("/").lower())
    if match is None:
        raise invalid
    try:
        host = match.group("host").encode("idna").decode("ascii")
    except UnicodeError:
        raise invalid from None
    labels = host.split(".")
    if len(host) > 253 or len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        raise invalid
    if labels[-1].isdigit():  # an IPv4 address: partners are known by name
        raise invalid
    port = match.group("port")
    if port is not None and not 1 <= int(port) <= 65535:
        raise invalid
    return f"https://{host}" + (f":{int(port)}" if port and int(port) != 443 else "")
