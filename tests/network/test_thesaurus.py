"""The thesaurus of the network's field (revier/network/matching/thesaurus.yaml, concepts.py) and
its use in the partner suggestions: related words meet although they share no stem."""

import pytest

from revier.network.matching import Item, Profile, Weights, suggest
from revier.network.matching.concepts import LINK_WEIGHT, PATH, Thesaurus, ThesaurusError, _keys, load, thesaurus


def concepts_of(text):
    return thesaurus().concepts([(text, 1.0)])


def named(text):
    """The concepts a text names itself (not through a link)."""
    return {gid for gid, match in concepts_of(text).items() if not match.linked}


# ---------------------------------------------------------------------------------------------
# The data


def test_thesaurus_loads_with_enough_groups_and_terms():
    th = thesaurus()
    assert len(th.groups) >= 250
    assert th.n_terms >= 2000
    assert all(gid.isascii() and gid == gid.lower() for gid in th.groups)


def test_thesaurus_has_no_empty_or_duplicate_groups_or_terms():
    th = thesaurus()
    assert all(terms for terms in th.groups.values())
    term_sets = [frozenset(_keys(t) for t in terms) for terms in th.groups.values()]
    assert len(set(term_sets)) == len(term_sets), "two groups with the same terms"
    for gid, terms in th.groups.items():
        # a term given twice in one group (also as another form of the same word)
        keys = [_keys(t) for t in terms]
        assert all(keys), (gid, [t for t, k in zip(terms, keys, strict=True) if not k])
        assert len(set(keys)) == len(keys), (gid, sorted(k for k in keys if keys.count(k) > 1))


def test_thesaurus_links_name_known_groups_and_work_both_ways():
    th = thesaurus()
    for gid, others in th.links.items():
        assert gid not in others
        for other in others:
            assert gid in th.links[other]
    assert "hydraulischer_abgleich" in th.links["heizung"]


def test_thesaurus_file_refuses_a_group_given_twice_and_a_link_to_nowhere(tmp_path):
    twice = tmp_path / "twice.yaml"
    twice.write_text("groups:\n  a: Heizung\n  a: Wärmepumpe\n", encoding="utf-8")
    with pytest.raises(ThesaurusError, match="twice"):
        load(twice)
    with pytest.raises(ThesaurusError, match="names no group"):
        Thesaurus({"a": ["Heizung"]}, {"a": ["b"]})
    assert load(PATH).groups == thesaurus().groups


# ---------------------------------------------------------------------------------------------
# Words → concepts


def test_words_meet_their_group_in_any_form():
    assert "waermepumpe" in named("Wir bauen Wärmepumpen ein")
    assert "azubi" in named("Wir finden keine Azubis")
    assert "azubi" in named("Lehrlinge gesucht")
    assert "ki" in named("KI-gestützte Auswertung")


def test_compounds_meet_the_groups_of_their_parts():
    assert "waermepumpe" in named("Wärmepumpenanlage")
    assert {"wasserstoff", "elektrolyse"} <= named("Wasserstoffelektrolyse")
    assert "fernwaerme" in named("Fernwärmeausbau in der Stadt")
    assert "batterie" in named("Batteriezellfertigung")
    # a word the thesaurus lists is not split further
    assert named("Glasfaser") == {"glasfaser"}
    # short parts are not searched ("Eiche" is no calibration, "Abgleich" no "eich")
    assert "kalibrierung" not in named("Abgleich")


def test_a_term_of_several_words_needs_all_of_them():
    assert "hydraulischer_abgleich" in named("Wir machen den hydraulischen Abgleich")
    assert "hydraulischer_abgleich" not in named("Abgleich der Daten")


def test_linked_concepts_count_half_and_say_which_word_led_there():
    found = concepts_of("Unsere Heizung wird oben nicht warm")
    assert not found["heizung"].linked and found["heizung"].written == "Heizung"
    link = found["hydraulischer_abgleich"]
    assert link.linked and link.weight == pytest.approx(LINK_WEIGHT) and link.written == "Heizung"


def test_text_without_field_words_names_no_concept():
    assert concepts_of("Wir freuen uns auf Ihre Nachricht") == {}


# ---------------------------------------------------------------------------------------------
# In the suggestions


def profile(pid, offers=(), needs=(), kind="kmu"):
    return Profile(id=pid, kind=kind, offers=tuple(Item(*o) for o in offers), needs=tuple(Item(*n) for n in needs), name=pid)


HOUSE = profile("haus", offers=[("Wohnungen zur Miete", "")],
                needs=[("Unsere Heizung wird oben nicht warm", "In den oberen Etagen bleiben die Heizkörper kalt.")])
PLUMBER = profile("shk", offers=[("Hydraulischer Abgleich", "Wir optimieren Vorlauftemperatur und Thermostatventile.")])
INVESTOR = profile("fonds", offers=[("Wagniskapital für Gründerteams", "Wir beteiligen uns früh an Start-ups.")])
SCHOOL = profile("hwk", offers=[("Ausbildungsmarketing", "Berufsmessen und Schulkooperationen für Betriebe")])
BAKERY = profile("baeckerei", needs=[("Wir finden keine Azubis", "Seit zwei Jahren bewirbt sich niemand.")])


def test_a_need_and_an_offer_in_different_words_meet_through_the_thesaurus():
    network = [HOUSE, PLUMBER, INVESTOR, SCHOOL, BAKERY]
    ranked = suggest(network)["haus"]
    assert [s.id for s in ranked][:1] == ["shk"]
    assert "fonds" not in [s.id for s in ranked]
    assert "Verwandte Begriffe: Heizung ≈ hydraulischer Abgleich" in ranked[0].reasons[1]
    assert [s.id for s in suggest(network)["baeckerei"]][:1] == ["hwk"]
    # the lexical engine alone finds neither
    lexical = suggest(network, weights=Weights(concepts=0))
    assert "shk" not in [s.id for s in lexical["haus"]]
    assert "hwk" not in [s.id for s in lexical["baeckerei"]]


def test_linked_pair_scores_above_an_unrelated_pair():
    def score(a, b):
        ranked = {s.id: s.score for s in suggest([a, b])[a.id]}
        return ranked.get(b.id, 0.0)

    assert score(HOUSE, PLUMBER) > score(HOUSE, INVESTOR)
    assert score(BAKERY, SCHOOL) > score(BAKERY, INVESTOR)


def test_concepts_leave_a_perfect_pair_perfect_and_words_still_count_most():
    text = ("Wärmepumpen für Mehrfamilienhäuser", "Planung und Einbau")
    a, b = profile("a", offers=[text], needs=[text]), profile("b", offers=[text], needs=[text])
    (only,) = suggest([a, b])["a"]
    (lexical,) = suggest([a, b], weights=Weights(concepts=0))["a"]
    assert only.score == pytest.approx(lexical.score)  # both texts alike: similarity 1 either way
    # the same word beats a related one
    same = profile("same", offers=[("Wärmepumpen", "")])
    related = profile("related", offers=[("Erdwärmesonden", "")])
    need = profile("need", needs=[("Wärmepumpen", "")])
    ranked = [s.id for s in suggest([need, same, related])["need"]]
    assert ranked == ["same", "related"]


def test_terms_whose_stem_has_another_meaning_count_only_as_written():
    # "Gründung" and "Grund", "Wartung" and "warten", "Förderung" and "Anforderung"
    assert "gruendung" in named("Gründung eines Unternehmens")
    assert named("Aus diesem Grund fragen wir") == set()
    assert "gruendung" not in named("Grundlagenforschung")
    assert "instandhaltung" not in named("Wir warten auf die Genehmigung")
    assert "foerderung" not in named("Anforderungen an die Software")
