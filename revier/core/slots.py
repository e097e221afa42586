"""Places in a lower app's page where a higher app adds its part, without the lower app knowing it.

The event page shows the free tickets of the contingents for that event, but events may not import
contingents (docs/architecture.md, "Parts and boundaries"). So the page offers a named slot
(`{% slot_templates "event-detail" as parts %}{% for part in parts %}{% include part %}{% endfor %}`)
and contingents registers its template for it in ContingentsConfig.ready. A slot with nothing
registered renders nothing.
"""

_slots: dict[str, list[str]] = {}


def register_slot_template(slot: str, template_name: str) -> None:
    """Adds `template_name` to `slot` (once); it is included with the page's context."""
    templates = _slots.setdefault(slot, [])
    if template_name not in templates:
        templates.append(template_name)


def slot_templates(slot: str) -> list[str]:
    return list(_slots.get(slot, ()))
