import pytest
from django.contrib.auth.models import Group

from revier.accounts.roles import ROLE_BY_KEY
from tests.factories import UserFactory


def with_roles(*keys, **fields):
    """A staff account with the given global roles (roles.ROLES keys)."""
    user = UserFactory(**{"is_staff": True, **fields})
    user.groups.add(*Group.objects.filter(name__in=[ROLE_BY_KEY[key].group for key in keys]))
    return user


@pytest.fixture
def administrator(db):
    return with_roles("administration")
