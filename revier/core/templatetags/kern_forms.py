from django import template

register = template.Library()


@register.simple_tag
def kern_widget(field):
    """Renders a form field's widget the KERN way: input class, error state, and the hint and the
    error linked to the input with aria-describedby so that screen readers read them with it."""
    field_id = field.id_for_label
    css = "kern-form-input__input"
    attrs = {}
    described_by = []
    if field.help_text:
        described_by.append(f"{field_id}-hint")
    if field.errors:
        css += " kern-form-input__input--error"
        described_by.append(f"{field_id}-error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    attrs["class"] = css
    return field.as_widget(attrs=attrs)
