"""core.personal_data.data_links: the loop every app's "Meine Daten" links share (events, contingents,
network declare only their objects, the kind, the title and how a link is issued)."""

from types import SimpleNamespace

import pytest
from django.db import transaction

from revier.core.personal_data import DataLink, data_links


@pytest.mark.django_db
def test_data_links_one_per_owner_in_order_with_a_new_link_each():
    owners = [SimpleNamespace(name="Erste"), SimpleNamespace(name="Zweite")]
    issued = []

    def issue_link(owner):
        issued.append(owner)
        return f"https://revier.example/daten/{len(issued)}/"

    with transaction.atomic():
        links = data_links(owners, kind="Anmeldung", title=lambda owner: owner.name, issue_link=issue_link)
    assert links == [DataLink("Anmeldung", "Erste", "https://revier.example/daten/1/"),
                     DataLink("Anmeldung", "Zweite", "https://revier.example/daten/2/")]
    assert issued == owners


def test_data_links_refuse_to_issue_outside_the_transaction_of_the_mail():
    issued = []
    with pytest.raises(AssertionError, match="transaction of the mail"):
        data_links([SimpleNamespace()], kind="Anmeldung", title=str, issue_link=issued.append)
    assert issued == []
