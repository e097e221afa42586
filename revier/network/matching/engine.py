"""The suggestion index: every profile's ranked partners, computed with sparse vectors in numpy,
kept up to date one changed profile at a time.

Vectors. Every offer and need (title and text) becomes a TF-IDF vector over two kinds of terms:
word stems with the parts of split compounds (text.Analyzer), and character 3-grams of the stems
(for what the stemmer leaves apart: "Elektrolyse" and "Elektrolyseur"). Term frequencies are
sublinear (1 + ln tf), a title's words count `Weights.title` times, the IDF is learned from the
offers and needs given (ln((1 + N) / (1 + df)) + 1). Each kind is normalised to length 1 and the
two are joined with the shares 1 − ngrams and ngrams, so the cosine of two items is
(1 − ngrams) × word cosine + ngrams × 3-gram cosine. An item that names concepts of the thesaurus
(concepts.py) has a third part, its concepts (linked ones at half weight), with the share
`Weights.concepts`, the other two scaled by 1 − concepts: related words meet though they share
no stem.

All pairs at once. For a block of profiles, the cosines of their needs with every offer (and of
their offers with every need) are summed term by term through an inverted index
(np.bincount over the expanded posting lists: work in proportion to the shared terms, never a
loop over pairs in Python), then reduced to the best need–offer pair per pair of profiles
(np.maximum.at over the pairs that reach min_similarity). Topics are counted the same way. The score of a pair is symmetric, and
the sums run in the same order from either side, so a pair's score is bitwise the same whichever
profile's row computes it: one changed profile's row is enough to update everybody's lists.

Candidates. A pair is suggested only if it has something to talk about: a need–offer pair at
least `min_similarity` alike, or a shared topic. Kind and region only weigh such pairs.

Keeping up. Each profile keeps its best `depth` (top + margin) partners. When one profile changes,
its own row is computed anew; in every other list it is taken out and put in again with its new
score. A list that is known to be cut off and falls below `top` entries is computed anew. The
vocabulary, IDF and compound splitter stay as learned at the build (the nightly full
computation refreshes them), so an update gives exactly what a full computation with the same
model gives (tests/network/test_matching.py checks it).
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from collections.abc import Iterable

import numpy as np

from .profiles import KINDS, LOCAL_REGIONS, Item, Profile, Suggestion, Update, Weights, reason_texts
from .concepts import thesaurus
from .text import Analyzer, ngrams

# a block's item-by-item similarity matrix holds at most this many numbers (8 bytes each)
BLOCK_CELLS = 3_000_000
# Terms in very many offers and needs say little (their IDF is low) and cost the most (every pair
# of items that shares one is summed): a word in more than 20 %, a 3-gram in more than 5 % of them
# is left out, like a stop word, once there are so many that it is found in more than 100.
MAX_SHARE_WORDS = 0.2
MAX_SHARE_NGRAMS = 0.05
# a concept of the thesaurus in more than 10 % of them (concepts are coarser than words)
MAX_SHARE_CONCEPTS = 0.1
MIN_CAP = 100
NEEDS, OFFERS = 0, 1


class _Side:
    """The offers or the needs of all profiles as a sparse matrix (rows: items, grouped by
    profile slot) and its inverted index (per term: items and weights)."""

    def __init__(self, per_slot: list[list[tuple[np.ndarray, np.ndarray]]], n_terms: int):
        counts = np.array([len(items) for items in per_slot], dtype=np.int64)
        self.item_start = np.concatenate(([0], np.cumsum(counts)))
        self.n_items = int(self.item_start[-1])
        self.item_slot = np.repeat(np.arange(len(per_slot)), counts)
        vectors = [vector for items in per_slot for vector in items]
        lengths = np.array([len(ids) for ids, _ in vectors], dtype=np.int64)
        self.ptr = np.concatenate(([0], np.cumsum(lengths)))
        self.terms = np.concatenate([ids for ids, _ in vectors]) if vectors else np.zeros(0, np.int64)
        self.weights = np.concatenate([w for _, w in vectors]) if vectors else np.zeros(0)
        item_of_entry = np.repeat(np.arange(self.n_items), lengths)
        order = np.argsort(self.terms, kind="stable")
        self.post_item = item_of_entry[order]
        self.post_weight = self.weights[order]
        self.post_ptr = np.concatenate(([0], np.cumsum(np.bincount(self.terms, minlength=n_terms))))


def _tf(count: float) -> float:
    """Sublinear term frequency: 1 + ln tf (a count below 1, from a title weight below 1, as is)."""
    return 1 + math.log(count) if count >= 1 else count


def _written(analysed) -> dict[str, tuple[float, str]]:
    """An item's terms: (frequency, how the term is first written in the item; a compound's part
    capitalised as a word of its own)."""
    words, _grams, surfaces, _concepts = analysed
    first: dict[str, str] = {}
    for term, surface, whole in surfaces:
        first.setdefault(term, surface if whole else _noun(surface))
    return {term: (tf, first[term]) for term, tf in words.items()}


def _noun(written: str) -> str:
    """A compound's part as a word of its own ("elektrolyse" from "Wasserstoffelektrolyse" → "Elektrolyse")."""
    return written if written[:1].isupper() or written != written.lower() else written[:1].upper() + written[1:]


def _best(sims: np.ndarray) -> tuple[int, int] | None:
    """(row, column) of the largest similarity (the first of equals), or None if all are 0."""
    if not sims.size:
        return None
    at = int(np.argmax(sims))
    row, column = divmod(at, sims.shape[1])
    return (row, column) if sims[row, column] > 0 else None


def _expand(ptr: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For entries naming posting lists `keys`, the positions of all their postings and, per
    posting, the entry it came from (posting lists laid end to end, without a Python loop)."""
    starts = ptr[keys]
    lengths = ptr[keys + 1] - starts
    total = int(lengths.sum())
    entry = np.repeat(np.arange(len(keys)), lengths)
    offsets = np.cumsum(lengths) - lengths
    positions = np.arange(total) - offsets[entry] + starts[entry]
    return positions, entry


class SuggestionIndex:
    """Every profile's suggestions, and updates one profile at a time (see the module docstring).

    Built from the full set of profiles: the text model (vocabulary, IDF, compound splitter) is
    learned from them and kept until the next build."""

    def __init__(self, profiles: Iterable[Profile], *, weights: Weights | None = None, top: int = 10):
        if top < 1:
            raise ValueError("top must be at least 1")
        self.weights = weights or Weights()
        self.top = top
        self.depth = top + max(10, top)
        self._kind_fit = self.weights.kind_fit()
        profiles = sorted(profiles, key=lambda p: p.id)
        if len({p.id for p in profiles}) < len(profiles):
            raise ValueError("profile ids must be unique")
        items = [item for p in profiles for item in (*p.needs, *p.offers)]
        self.analyzer = Analyzer(text for item in items for text in (item.title, item.text))
        self.thesaurus = thesaurus()
        self._ngrams: dict[str, list[str]] = {}
        analysed = [self._analyse(item) for item in items]
        # vocabulary and IDF, learned from these items and kept
        self._term_id: dict[str, int] = {}
        document_frequency: Counter[str] = Counter()
        for words, grams, _surfaces, concepts in analysed:
            document_frequency.update(words.keys())
            document_frequency.update(grams.keys())
            document_frequency.update("@" + concept for concept in concepts)
        self._n_items = len(items)
        caps = {
            "#": max(MIN_CAP, MAX_SHARE_NGRAMS * self._n_items),
            "@": max(MIN_CAP, MAX_SHARE_CONCEPTS * self._n_items),
        }
        cap_words = max(MIN_CAP, MAX_SHARE_WORDS * self._n_items)
        # left out: known, but never part of a vector
        self._left_out = frozenset(term for term, df in document_frequency.items() if df > caps.get(term[:1], cap_words))
        idf = []
        for term in sorted(document_frequency.keys() - self._left_out):
            self._term_id[term] = len(idf)
            idf.append(math.log((1 + self._n_items) / (1 + document_frequency[term])) + 1)
        self._idf = idf
        self._topic_id: dict[str, int] = {}

        self._ids: list[str] = []
        self._slot: dict[str, int] = {}
        self._profiles: list[Profile | None] = []
        self._vectors: list[tuple[list, list]] = []  # per slot: (needs, offers), each [(term ids, weights)]
        self._term_sets: list[tuple[list, list]] = []  # per slot: word terms of each need and offer
        self._concept_sets: list[tuple[list, list]] = []  # per slot: concepts of each need and offer
        self._kinds: list[int] = []
        self._regions: list[int] = []
        self._topics: list[np.ndarray] = []
        self._lists: list[list[tuple[float, str, int]]] = []  # (−score, id, slot), best first
        self._complete: list[bool] = []
        self._listed_by: dict[int, set[int]] = defaultdict(set)
        self._arrays = None
        at = 0
        for profile in profiles:
            n = len(profile.needs) + len(profile.offers)
            self._store(profile, analysed[at : at + n])
            at += n
        self._set_lists(range(len(self._ids)))

    # -- text --------------------------------------------------------------------------------

    def _analyse(self, item: Item):
        """(term frequencies, 3-gram frequencies, (term, surface, whole word?) of every term, the
        thesaurus's concepts {id: concepts.Match})."""
        words: Counter[str] = Counter()
        grams: Counter[str] = Counter()
        surfaces = []
        for text, weight in ((item.title, self.weights.title), (item.text, 1.0)):
            for term, surface, whole in self.analyzer.words(text):
                words[term] += weight
                surfaces.append((term, surface, whole))
                if whole and self.weights.ngrams > 0:
                    stem = self.analyzer.stem(surface.lower())
                    stem_grams = self._ngrams.get(stem)
                    if stem_grams is None:
                        stem_grams = self._ngrams[stem] = ["#" + gram for gram in ngrams(stem)]
                    for gram in stem_grams:
                        grams[gram] += weight
        concepts = {}
        if self.weights.concepts > 0:
            concepts = self.thesaurus.concepts([(item.title, self.weights.title), (item.text, 1.0)])
        return words, grams, surfaces, concepts

    def _vector(self, counts: Counter[str], share: float) -> dict[int, float]:
        if not counts or share <= 0:
            return {}
        unseen = math.log((1 + self._n_items) / 2) + 1  # a term new since the build: as if seen once
        vector = {}
        for term, tf in counts.items():
            if tf <= 0 or term in self._left_out:
                continue
            term_id = self._term_id.get(term)
            if term_id is None:
                term_id = self._term_id[term] = len(self._idf)
                self._idf.append(unseen)
            vector[term_id] = _tf(tf) * self._idf[term_id]
        norm = math.sqrt(sum(v * v for v in vector.values()))
        if norm == 0:
            return {}
        scale = math.sqrt(share) / norm
        return {term_id: v * scale for term_id, v in vector.items()}

    def _item_vector(self, analysed) -> tuple[np.ndarray, np.ndarray]:
        words, grams, _surfaces, concepts = analysed
        # The concepts take their share only where the item names some: an item without any is
        # compared by its words alone, with their full weight.
        concept_vector = self._vector(Counter({"@" + c: m.weight for c, m in concepts.items()}), self.weights.concepts)
        lexical = 1 - self.weights.concepts if concept_vector else 1.0
        vector = self._vector(words, lexical * (1 - self.weights.ngrams))
        vector.update(self._vector(grams, lexical * self.weights.ngrams))
        vector.update(concept_vector)
        ids = np.array(sorted(vector), dtype=np.int64)
        return ids, np.array([vector[i] for i in ids.tolist()], dtype=np.float64)

    # -- profiles ----------------------------------------------------------------------------

    def _store(self, profile: Profile | None, analysed: list, slot: int | None = None) -> int:
        """Puts a profile's data into its slot (a new slot when `slot` is None); None empties it."""
        if slot is None:
            slot = len(self._ids)
            self._ids.append(profile.id)
            self._slot[profile.id] = slot
            for store in (self._profiles, self._vectors, self._term_sets, self._concept_sets, self._kinds, self._regions, self._topics):
                store.append(None)
            self._lists.append([])
            self._complete.append(True)
        self._profiles[slot] = profile
        if profile is None:
            self._vectors[slot] = ([], [])
            self._term_sets[slot] = ([], [])
            self._concept_sets[slot] = ([], [])
            self._kinds[slot] = 0
            self._regions[slot] = -1
            self._topics[slot] = np.zeros(0, np.int64)
        else:
            n = len(profile.needs)
            vectors = [self._item_vector(a) for a in analysed]
            self._vectors[slot] = (vectors[:n], vectors[n:])
            self._term_sets[slot] = ([_written(a) for a in analysed[:n]], [_written(a) for a in analysed[n:]])
            self._concept_sets[slot] = ([a[3] for a in analysed[:n]], [a[3] for a in analysed[n:]])
            self._kinds[slot] = KINDS.index(profile.kind)
            self._regions[slot] = LOCAL_REGIONS.index(profile.region) if profile.region in LOCAL_REGIONS else -1
            topic_ids = set()
            for topic in profile.topics:
                key = topic.casefold()
                topic_ids.add(self._topic_id.setdefault(key, len(self._topic_id)))
            self._topics[slot] = np.array(sorted(topic_ids), dtype=np.int64)
        self._arrays = None
        return slot

    def _prepare(self):
        if self._arrays is not None:
            return self._arrays
        n_terms = len(self._idf)
        needs = _Side([v[NEEDS] for v in self._vectors], n_terms)
        offers = _Side([v[OFFERS] for v in self._vectors], n_terms)
        topic_counts = np.array([len(t) for t in self._topics], dtype=np.int64)
        topic_ptr = np.concatenate(([0], np.cumsum(topic_counts)))
        topic_ids = np.concatenate(self._topics) if self._topics else np.zeros(0, np.int64)
        topic_slot = np.repeat(np.arange(len(self._topics)), topic_counts)
        order = np.argsort(topic_ids, kind="stable")
        topic_post_ptr = np.concatenate(([0], np.cumsum(np.bincount(topic_ids, minlength=len(self._topic_id)))))
        fit = self._kind_fit
        kind_matrix = np.array([[fit[(a, b)] for b in KINDS] for a in KINDS])
        alive = np.array([p is not None for p in self._profiles], dtype=bool)
        # tie-break by id: the rank of each slot's id among all ids
        rank = np.empty(len(self._ids), dtype=np.int64)
        rank[np.argsort(np.array(self._ids, dtype=object), kind="stable")] = np.arange(len(self._ids))
        self._arrays = {
            "sides": (needs, offers),
            "topic_ptr": topic_ptr,
            "topic_ids": topic_ids,
            "topic_count": topic_counts.astype(np.float64),
            "topic_post_ptr": topic_post_ptr,
            "topic_post_slot": topic_slot[order],
            "kinds": np.array(self._kinds, dtype=np.int64),
            "regions": np.array(self._regions, dtype=np.int64),
            "kind_matrix": kind_matrix,
            "alive": alive,
            "rank": rank,
        }
        return self._arrays

    # -- scores ------------------------------------------------------------------------------

    def _similarities(self, items: np.ndarray, query: _Side, target: _Side, slots: np.ndarray | None = None) -> np.ndarray:
        """(len(items) × target items): the cosine of each query item (say a need) with each
        target item (an offer), summed term by term over the shared terms in term order; below
        min_similarity: 0. The columns are all target items, or only those of `slots` (in slot order)."""
        rows = len(items)
        entry_counts = query.ptr[items + 1] - query.ptr[items]
        entries = np.concatenate([np.arange(query.ptr[i], query.ptr[i + 1]) for i in items.tolist()]) if rows else np.zeros(0, np.int64)
        entry_row = np.repeat(np.arange(rows), entry_counts)
        positions, origin = _expand(target.post_ptr, query.terms[entries])
        columns = target.post_item[positions]
        width = target.n_items
        if slots is not None:
            # only the target items of `slots`: the same sums, fewer columns
            column_of = np.full(target.n_items, -1, dtype=np.int64)
            chosen = np.concatenate([np.arange(target.item_start[s], target.item_start[s + 1]) for s in slots.tolist()])
            column_of[chosen] = np.arange(len(chosen))
            columns = column_of[columns]
            kept = columns >= 0
            positions, origin, columns = positions[kept], origin[kept], columns[kept]
            width = len(chosen)
        keys = entry_row[origin] * width + columns
        values = query.weights[entries][origin] * target.post_weight[positions]
        sims = np.bincount(keys, weights=values, minlength=rows * width).reshape(rows, width)
        sims[sims < self.weights.min_similarity] = 0.0
        return sims

    def _fit(self, slots: np.ndarray, query: _Side, target: _Side) -> np.ndarray:
        """(len(slots) × all slots): the best similarity of one of a slot's query items (say its
        needs) with one of the other slot's target items (its offers)."""
        n_slots = len(self._ids)
        result = np.zeros((len(slots), n_slots))
        if target.n_items == 0:
            return result
        per_block = max(1, BLOCK_CELLS // target.n_items)
        counts = query.item_start[slots + 1] - query.item_start[slots]
        begin = 0
        while begin < len(slots):
            # slots whose items fit into one block (at least one slot)
            end, rows = begin, 0
            while end < len(slots) and (end == begin or rows + counts[end] <= per_block):
                rows += int(counts[end])
                end += 1
            block = slots[begin:end]
            block_counts = counts[begin:end]
            if rows:
                items = np.concatenate([np.arange(query.item_start[s], query.item_start[s + 1]) for s in block.tolist()])
                sims = self._similarities(items, query, target).ravel()
                # the best pair per pair of slots, over the few pairs that reach min_similarity
                found = np.flatnonzero(sims)
                row, item = np.divmod(found, target.n_items)
                block_row = np.repeat(np.arange(len(block)), block_counts)
                best = np.zeros(len(block) * n_slots)
                np.maximum.at(best, block_row[row] * n_slots + target.item_slot[item], sims[found])
                result[begin:end] = best.reshape(len(block), n_slots)
            begin = end
        return result

    def _scores(self, slots: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(scores, candidates) of `slots` against all slots, both len(slots) × all slots."""
        arrays = self._prepare()
        needs, offers = arrays["sides"]
        w = self.weights
        mine = self._fit(slots, needs, offers)  # my needs, their offers
        theirs = self._fit(slots, offers, needs)  # my offers, their needs
        stronger = np.maximum(mine, theirs)
        weaker = np.minimum(mine, theirs)
        text = (stronger + w.reciprocity * weaker) / (1 + w.reciprocity)
        # shared topics, counted through the topics' inverted index
        n_slots = len(self._ids)
        counts = arrays["topic_ptr"][slots + 1] - arrays["topic_ptr"][slots]
        entries = np.concatenate([np.arange(arrays["topic_ptr"][s], arrays["topic_ptr"][s + 1]) for s in slots]) if len(slots) else np.zeros(0, np.int64)
        entry_row = np.repeat(np.arange(len(slots)), counts)
        positions, origin = _expand(arrays["topic_post_ptr"], arrays["topic_ids"][entries])
        keys = entry_row[origin] * n_slots + arrays["topic_post_slot"][positions]
        shared = np.bincount(keys, minlength=len(slots) * n_slots).reshape(len(slots), n_slots).astype(np.float64)
        union = arrays["topic_count"][slots][:, None] + arrays["topic_count"][None, :] - shared
        jaccard = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
        substance = (w.text * text + w.topics * jaccard) / (w.text + w.topics)
        kinds = arrays["kinds"]
        kind = arrays["kind_matrix"][kinds[slots]][:, kinds]
        regions = arrays["regions"]
        same_region = ((regions[slots][:, None] == regions[None, :]) & (regions[slots][:, None] >= 0)).astype(np.float64)
        context = 1 - w.kind * (1 - kind) - w.region * (1 - same_region)
        scores = substance * context
        candidates = ((text > 0) | (shared > 0)) & arrays["alive"][None, :] & arrays["alive"][slots][:, None]
        candidates[np.arange(len(slots)), slots] = False
        return scores, candidates

    def _ranked(self, scores_row: np.ndarray, candidates_row: np.ndarray) -> tuple[list[tuple[float, str, int]], bool]:
        """The best `depth` candidates of one row as (−score, id, slot), and whether that is all."""
        found = np.flatnonzero(candidates_row)
        complete = len(found) <= self.depth
        if not complete:
            # everything that ties with the depth-th score, so that ids can break the tie
            values = scores_row[found]
            cut = np.partition(-values, self.depth - 1)[self.depth - 1]
            found = found[-values <= cut]
        rank = self._arrays["rank"]
        order = np.lexsort((rank[found], -scores_row[found]))[: self.depth]
        chosen = found[order]
        return [(-float(scores_row[s]), self._ids[s], int(s)) for s in chosen.tolist()], complete

    def _set_lists(self, slots: Iterable[int]):
        slots = np.array(sorted(set(slots)), dtype=np.int64)
        if not len(slots):
            return
        self._prepare()
        # rows in blocks, so that the score matrices stay small
        step = max(1, 1_000_000 // max(1, len(self._ids)))
        for begin in range(0, len(slots), step):
            block = slots[begin : begin + step]
            scores, candidates = self._scores(block)
            for row, slot in enumerate(block.tolist()):
                if self._profiles[slot] is None:
                    ranked, complete = [], True
                else:
                    ranked, complete = self._ranked(scores[row], candidates[row])
                self._replace_list(slot, ranked, complete)

    def _replace_list(self, slot: int, ranked: list, complete: bool):
        for _score, _id, other in self._lists[slot]:
            self._listed_by[other].discard(slot)
        self._lists[slot] = ranked
        self._complete[slot] = complete
        for _score, _id, other in ranked:
            self._listed_by[other].add(slot)

    # -- reading -----------------------------------------------------------------------------

    def ids(self) -> list[str]:
        return sorted(pid for pid, slot in self._slot.items() if self._profiles[slot] is not None)

    def suggestions_for(self, profile_id: str) -> tuple[Suggestion, ...]:
        """A profile's suggestions, best first, each with its German reasons."""
        slot = self._slot[profile_id]
        shown = self._lists[slot][: self.top]
        if not shown:
            return ()
        self._prepare()
        needs, offers = self._arrays["sides"]
        # my needs against their offers, my offers against their needs: the same sums as the scores
        others = np.array(sorted(other for _n, _i, other in shown), dtype=np.int64)
        mine = self._similarities(np.arange(needs.item_start[slot], needs.item_start[slot + 1]), needs, offers, others)
        theirs = self._similarities(np.arange(offers.item_start[slot], offers.item_start[slot + 1]), offers, needs, others)
        offer_at = np.concatenate(([0], np.cumsum(offers.item_start[others + 1] - offers.item_start[others])))
        need_at = np.concatenate(([0], np.cumsum(needs.item_start[others + 1] - needs.item_start[others])))
        position = {other: k for k, other in enumerate(others.tolist())}
        result = []
        texts = reason_texts()
        for negative, other_id, other in shown:
            k = position[other]
            mine_pair = _best(mine[:, offer_at[k] : offer_at[k + 1]])
            theirs_pair = _best(theirs[:, need_at[k] : need_at[k + 1]].T)
            result.append(Suggestion(id=other_id, score=-negative, reasons=self._reasons(slot, other, mine_pair, theirs_pair, texts)))
        return tuple(result)

    def all_suggestions(self) -> dict[str, tuple[Suggestion, ...]]:
        return {pid: self.suggestions_for(pid) for pid in self.ids()}

    def recompute(self):
        """Every list computed anew with the model as it is (the state that `update` keeps up,
        without relearning the vocabulary and IDF; for that, build a new index)."""
        self._set_lists(range(len(self._ids)))

    def _shown_slots(self, slot: int) -> set[int]:
        return {other for _s, _i, other in self._lists[slot][: self.top]}

    # -- changes -----------------------------------------------------------------------------

    def update(self, profile: Profile) -> Update:
        """Puts in a new or changed profile: its own suggestions are computed, and in every other
        list it takes its new place. Returns its suggestions and the profiles whose shown
        suggestions changed. The text model stays as built (new words count as seen once)."""
        analysed = [self._analyse(item) for item in (*profile.needs, *profile.offers)]
        slot = self._slot.get(profile.id)
        before = self._showing(slot)
        slot = self._store(profile, analysed, slot)
        self._settle(slot)
        after = self._showing(slot)
        return Update(
            profile=profile.id,
            suggestions=self.suggestions_for(profile.id),
            affected=frozenset(self._ids[s] for s in before | after),
        )

    def remove(self, profile_id: str) -> Update:
        """Takes a profile out (deleted or hidden): it leaves every other list."""
        slot = self._slot[profile_id]
        before = self._showing(slot)
        self._store(None, [], slot)
        self._settle(slot)
        return Update(profile=profile_id, suggestions=(), affected=frozenset(self._ids[s] for s in before))

    def _showing(self, slot: int | None) -> set[int]:
        """The profiles whose shown suggestions include `slot`."""
        if slot is None:
            return set()
        return {other for other in self._listed_by[slot] if slot in self._shown_slots(other)}

    def _settle(self, slot: int):
        """After `slot` changed: its own row anew, and its place in every other list."""
        self._prepare()
        scores, candidates = self._scores(np.array([slot]))
        if self._profiles[slot] is None:
            self._replace_list(slot, [], True)
        else:
            self._replace_list(slot, *self._ranked(scores[0], candidates[0]))
        # The scores are symmetric, so the row just computed holds the slot's score in every
        # other list. Out of the old lists first ...
        shrunk = set(self._listed_by[slot])
        for other in shrunk:
            self._lists[other] = [entry for entry in self._lists[other] if entry[2] != slot]
        self._listed_by[slot].clear()
        # ... then into the lists it now belongs to (a candidate of the slot's row).
        for other in np.flatnonzero(candidates[0]).tolist():
            entry = (-float(scores[0, other]), self._ids[slot], slot)
            entries = self._lists[other]
            if not self._complete[other] and entries and entry > entries[-1]:
                continue  # beyond the known part of a cut-off list
            bisect.insort(entries, entry)
            self._listed_by[slot].add(other)
            if len(entries) > self.depth:
                dropped = entries.pop()
                self._listed_by[dropped[2]].discard(other)
                self._complete[other] = False
        # a cut-off list that lost an entry may now show fewer than it should: computed anew
        self._set_lists(other for other in shrunk if not self._complete[other] and len(self._lists[other]) < self.top)

    # -- reasons -----------------------------------------------------------------------------

    def _common_terms(self, pairs: list[tuple[dict, dict]]) -> list[str]:
        """The words two matched items share, those that add most to their similarity first, at
        most four, as the need writes them."""
        weight: dict[str, float] = {}
        for a, b in pairs:
            for term in a.keys() & b.keys():
                term_id = self._term_id.get(term)
                if term_id is None:
                    continue
                (tf_a, text), (tf_b, _written_b) = a[term], b[term]
                added = _tf(tf_a) * _tf(tf_b) * self._idf[term_id] ** 2
                if added > weight.get(text, 0.0):
                    weight[text] = added
        return sorted(weight, key=lambda t: (-weight[t], t))[:4]

    def _related_terms(self, pairs: list[tuple[dict, dict]], common: list[str]) -> list[str]:
        """The thesaurus's concepts two matched items share through different words, as "need's
        word ≈ offer's word", those that add most to their similarity first, at most three; a pair
        whose words are already common terms, or that meets only through two links, is left out."""
        weight: dict[str, float] = {}
        shown = {term.casefold() for term in common}
        for need, offer in pairs:
            for concept in need.keys() & offer.keys():
                term_id = self._term_id.get("@" + concept)
                if term_id is None:
                    continue
                a, b = need[concept], offer[concept]
                if a.linked and b.linked:
                    continue  # both only through links: too far to name
                if a.written.casefold() == b.written.casefold() or {a.written.casefold(), b.written.casefold()} & shown:
                    continue
                # the same word in two forms ("Heizung", "Heizungsanlagen") is no related term
                stems = [self.analyzer.stem(m.written.casefold()) for m in (a, b)]
                if b.written.casefold().startswith(stems[0]) or a.written.casefold().startswith(stems[1]):
                    continue
                text = f"{a.written} ≈ {b.written}"
                added = _tf(a.weight) * _tf(b.weight) * self._idf[term_id] ** 2
                if added > weight.get(text, 0.0):
                    weight[text] = added
        return sorted(weight, key=lambda t: (-weight[t], t))[:3]

    def _reasons(self, slot: int, other: int, mine, theirs, texts: dict | None = None) -> tuple[str, ...]:
        """German sentences a person can check: which need meets which offer (both ways: `mine`
        is (my need, their offer), `theirs` (their need, my offer), or None), the words they
        share, the shared topics, the kinds, the region."""
        me, them = self._profiles[slot], self._profiles[other]
        texts = texts or reason_texts()
        name = them.name or them.id
        reasons = []
        pairs = []
        concept_pairs = []
        if mine:
            need, offer = me.needs[mine[0]], them.offers[mine[1]]
            reasons.append(texts["mine"] % {"need": need.label, "name": name, "offer": offer.label})
            pairs.append((self._term_sets[slot][NEEDS][mine[0]], self._term_sets[other][OFFERS][mine[1]]))
            concept_pairs.append((self._concept_sets[slot][NEEDS][mine[0]], self._concept_sets[other][OFFERS][mine[1]]))
        if theirs:
            need, offer = them.needs[theirs[0]], me.offers[theirs[1]]
            reasons.append(texts["theirs"] % {"need": need.label, "name": name, "offer": offer.label})
            pairs.append((self._term_sets[other][NEEDS][theirs[0]], self._term_sets[slot][OFFERS][theirs[1]]))
            concept_pairs.append((self._concept_sets[other][NEEDS][theirs[0]], self._concept_sets[slot][OFFERS][theirs[1]]))
        terms = self._common_terms(pairs)
        if terms:
            reasons.append(texts["terms"] % {"terms": ", ".join(terms)})
        related = self._related_terms(concept_pairs, terms)
        if related:
            reasons.append(texts["related"] % {"terms": ", ".join(related)})
        their_topics = {t.casefold() for t in them.topics}
        topics = [t for t in me.topics if t.casefold() in their_topics]
        if topics:
            reasons.append(texts["topics"] % {"topics": ", ".join(topics)})
        if self._kind_fit[(me.kind, them.kind)] >= 0.6:
            reasons.append(f"{texts['kinds'][me.kind]} ↔ {texts['kinds'][them.kind]}")
        if me.region in LOCAL_REGIONS and me.region == them.region:
            reasons.append(texts["regions"][me.region])
        return tuple(reasons)


def suggest(profiles: Iterable[Profile], *, weights: Weights | None = None, top: int = 10) -> dict[str, tuple[Suggestion, ...]]:
    """Every profile's best `top` partners, best first (ties: by id), with German reasons."""
    return SuggestionIndex(profiles, weights=weights, top=top).all_suggestions()
