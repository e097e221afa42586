from django import template

from revier.core.structured_data import json_ld

register = template.Library()

# {% json_ld data %}: the schema.org data block of core.structured_data.json_ld.
register.simple_tag(json_ld)
