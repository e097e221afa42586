"""core.text.clean_query: the one cleaning of a search's words, for the news list, the network
directory and the portal search."""

from revier.core.text import MAX_QUERY_LENGTH, clean_query


def test_clean_query_limits_length_and_whitespace():
    assert clean_query("  Wasser   stoff \n") == "Wasser stoff"
    assert len(clean_query("x" * 1000)) == MAX_QUERY_LENGTH == 200


def test_clean_query_of_nothing_is_empty():
    assert clean_query(None) == "" == clean_query(" \t\n")
