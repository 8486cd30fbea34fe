"""Themes: clusters of the customer statements under each heading (facet), at a granularity chosen from the
data, counted by distinct interviews, respondents and accounts, with ids and labels kept by the codebook."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.stats import hypergeom
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.metrics import silhouette_samples

from ..models import FACETS, Evidence, Facet, Theme, ThemePoint
from .codebook import (
    CODEBOOK_FILE,
    CodebookEntry,
    load_codebook,
    match_codebook,
    save_codebook,
    says,
    statement_key,
    updated_codebook,
)
from .facets import (
    FacetScores,
    asked_what_went,
    rules_it_out,
    says_nothing,
    told_after_the_turn,
    weight_in_the_story,
    without_remarks,
)
from .labels import keyphrases, label_themes, names_only_people, words_named
from .product import own_product_named
from .signals import accounts_by_outcome
from .units import Unit, one_per_document, wording

__all__ = [
    "CODEBOOK_FILE", "cluster_members", "find_themes", "heading_parts", "reach_order", "recurring_clusters",
    "theme_clusters",
]  # fmt: skip

DISTANCE_THRESHOLD = 0.65  # fixed cut for cluster_members (LLM findings, ask); themes choose their own cut
# At most √N clusters of N statements: the usual upper bound of cluster-validity searches (Bezdek 1981). On
# sentence vectors the silhouette is nearly flat and rises with the number of clusters, so this bound, more than
# the silhouette, sets how many themes there are (see docs/benchmarks.md).
MAX_CUT_ROOTS = 1.0
CUTS = 100  # cuts tried: every number of clusters from 2 to the most, or this many spaced geometrically
SILHOUETTE_SAMPLE = 2_000  # statements the silhouette of each cut is measured on
EXACT_MEMBERS = 5_000  # up to this many statements, exact average linkage (N² distances: ~100 MB at 5,000)
CENTROIDS = 1_000  # above it, statements are summarised by k-means centroids first (at most this many)
MIN_SOURCES = 2  # a theme is recurring only if at least two distinct interviews/respondents raise it
# Below this many statements the silhouette search has at most one cut to weigh (√N < 3), so a small heading is
# grouped at the fixed distance reasons and answers use (seven goals naming different aims are not one theme).
SEARCH_MIN_STATEMENTS = 9
# Why customers left or chose another vendor: one source is enough to show it, since few accounts churn or are
# lost and each one's reason matters.
REASON_FACETS: tuple[Facet, ...] = ("churn_reason", "loss_reason")
# A theme of an earlier build whose statements this build left unthemed is kept when more than this share of
# them stand (``carried_over``): a majority, as cluster tracking tells a survivor (MONIC, Spiliopoulou et al.
# 2006), not a value fitted to any data.
MEMBER_SHARE = 0.5
QUOTES_PER_THEME = 4
# Headings never shown one statement at a time: who decided is the buying committee's, from decision acts.
_NO_SINGLES: tuple[Facet, ...] = ("decision_maker",)
# A cluster is shown as a theme only if its members are mostly each other's nearest neighbours: on average at
# least this share of each member's nearest statements under the heading (everything said, when the heading
# was left whole; up to NEIGHBOURS of them, never more than the cluster's other members) lie in the cluster.
# A majority, not a value fitted to any data: a leftover bag of short statements ("A little.", "waiting on IT
# sign-off.", "I'd want it if I were in your seat.") has its members' neighbours in other themes (samples/:
# 0.33-0.42 for the four such parts, 0.50-1.00 for the rest; see docs/benchmarks.md, labels3).
NEIGHBOUR_SHARE = 0.5
NEIGHBOURS = 10
NEIGHBOUR_SAMPLE = 50  # members of a large part whose neighbours are looked at (cost: 50 × heading size)
# ... and only if its statements are closer in meaning than as many drawn at random from its heading mostly are,
# tighter than all but CHANCE_P of DRAWS such draws (a one-sided permutation test at the conventional 5%, not a
# value fitted to any data), or half of its sources say the same word. The neighbour test is taken in the space
# centred on everything said, where three statements that share nothing ("That and my daughter Amber.", "Karen
# told me to go find something…", "And we hired a second salesperson…", qa162: a trigger theme) can still be each
# other's nearest; in meaning they lie as far apart as any three of the heading's (see docs/benchmarks.md).
CHANCE_P = 0.05
DRAWS = 1_000
# A part of a heading is several themes when a cut of it leaves every group, on average, a reasonable structure by
# the silhouette (Kaufman & Rousseeuw 1990, Finding Groups in Data, ch. 2: 0.51-0.70 "a reasonable structure has been
# found"), not a value fitted to any data. Every group, not the cut's mean: one answer many respondents repeat inside
# a loose real theme is a tight knot whose members pass on their own (the mean cut the public NHS and Jupyter sets'
# real codes, see docs/benchmarks.md).
STRUCTURE_SILHOUETTE = 0.5


def find_themes(
    units: Sequence[Unit],
    vectors: np.ndarray,
    facets: FacetScores,
    *,
    outcomes: Mapping[str, str | None],
    codebook: Path | None = None,
    analyzer: str = "",
) -> list[Theme]:
    """Cluster the faceted units into themes; ``outcomes`` maps document id to its known outcome.

    With ``codebook`` (a JSON file in the workspace), themes that match one found by an earlier build keep
    its id and label, and the file is updated for the next build; with ``analyzer`` (the analyzer's version)
    too, a statement stays in the theme a build under the same analyzer put it in (``kept_in_place``).
    """
    # Each heading is clustered on its own, so a theme holds only statements filed under its heading: a close
    # that "went from 12 days to 6" (an outcome) never backs an objection about timing, and price raised as an
    # objection by some and as a pain by others is a theme under each heading.
    first: dict[int, Facet] = {i: assigned[0] for i, assigned in enumerate(facets.assigned) if assigned}
    members = list(first)
    origin = vectors[members].mean(axis=0) if members else None  # centred on everything said, not per heading
    reasons_vectors, before = in_context(units, vectors)
    clusters: list[list[int]] = []
    facet_of: list[Facet] = []
    # (with one interview nothing can recur, and "nothing recurs" is no finding: its statements stay unthemed)
    interviews = len({u.doc_id for u in units if u.kind == "interview"})
    heading_of: dict[Facet, list[int]] = {}  # each heading's statements (every theme's are its heading's)
    for facet in dict.fromkeys(first.values()):
        under = heading_of[facet] = [i for i in members if first[i] == facet]
        # Reasons are few (a handful of churned or lost accounts) and each matters: a silhouette search over 2..√N
        # cuts means nothing at N ≈ 10, so they are grouped at the fixed distance findings and answers use.
        if facet in REASON_FACETS:
            parts = one_story_per_source(units, shared_reasons(units, reasons_vectors, under))
        else:
            parts = beyond_chance(
                units, vectors, under, heading_parts(vectors, under, origin=origin, units=units)
            )
        parts = one_answer_told_once(units, parts)
        # Why customers left or chose another vendor: one source is enough to show it (see REASON_FACETS).
        shown = [
            p for p in parts if facet in REASON_FACETS or len({units[i].doc_id for i in p}) >= MIN_SOURCES
        ]
        if not shown and facet not in _NO_SINGLES and interviews >= MIN_SOURCES:
            # Nothing under the heading recurs: what each source said is shown once, and the page says so, rather
            # than "none" where four interviews each told their trigger (qa38: new CFO, audit finding, SAP move,
            # duplicate payment, and the page said no buying trigger was raised). Of a source's several parts,
            # the one it says most surely is under this heading ("The real trigger was our new CFO", not the
            # "And he wanted a monthly report on it" after it).
            # Interviews only: a survey answer alone is one line of a form, and a heading of them that nothing
            # recurs in is a bag of remarks (labels3: "A little.", "waiting on IT sign-off.").
            column = FACETS.index(facet)
            best: dict[str, tuple[float, list[int]]] = {}
            for part in parts:
                if units[part[0]].kind != "interview":
                    continue
                sure = max(float(facets.scores[i, column]) for i in part)
                source = units[part[0]].doc_id
                if source not in best or sure > best[source][0]:
                    best[source] = (sure, part)
            shown = [part for _, part in best.values()]
        clusters += shown
        facet_of += [facet] * len(shown)
    known = load_codebook(codebook) if codebook else []
    kept_on = carried_over(units, first, clusters, known)
    for entry, remembered in kept_on:
        clusters.append(remembered)
        facet_of.append(entry.facet)  # type: ignore[arg-type]  # a facet the codebook was written with
    if not clusters:
        return []  # the codebook is left as it was
    clusters = _ordered(units, vectors, facets, clusters, facet_of)
    centroids = theme_centroids(vectors, clusters)
    # each statement as its quote shows it: "That's what started the search, honestly." with the sentence it points
    # back to, "Harborview put us on a corrective action plan." (qa186: a trigger labelled by the first alone)
    texts = [[units[i].lead + units[i].text for i in c] for c in clusters]
    carried = len(clusters) - len(kept_on)  # the clusters carried over come last, each its remembered theme
    reused = match_codebook(
        centroids[:carried], [e for e in known if all(e is not k for k, _ in kept_on)],
        facets=facet_of[:carried], texts=texts[:carried],
    )  # fmt: skip
    reused.update({carried + n: entry for n, (entry, _) in enumerate(kept_on)})
    if analyzer:
        kept_in = kept_in_place(units, first, clusters, facet_of, reused, known, analyzer=analyzer)
        if kept_in is not None:
            clusters, facet_of, reused = kept_in
            clusters = _ordered(units, vectors, facets, clusters, facet_of)
            centroids = theme_centroids(vectors, clusters)
            texts = [[units[i].lead + units[i].text for i in c] for c in clusters]
    themes = [
        counted_theme(facet, [units[i].evidence() for i in c], outcomes=outcomes)
        for facet, c in zip(facet_of, clusters, strict=True)
    ]
    without_others_leads(units, clusters, themes)
    for number, entry in reused.items():
        themes[number].theme_id = entry.theme_id
    # A remembered label is kept only if today's rules cut it and the theme's statements still say it (a theme that
    # lost the statement its label came from would show words none of its quotes say); otherwise the theme keeps
    # its id, relabelled.
    kept = {
        n
        for n, entry in reused.items()
        if entry.label_is_current
        and says(texts[n], entry.label)
        and not _label_outgrown(entry, len(set(themes[n].documents)))
    }
    for number in kept:
        themes[number].label = reused[number].label
    all_texts = [units[i].text for i in members]
    for theme, phrases in zip(themes, keyphrases(texts, all_texts), strict=True):
        theme.keyphrases = phrases
    fresh = [n for n in range(len(themes)) if n not in kept]
    taken = {themes[n].label.casefold() for n in kept}
    said_by = [[units[i].doc_id for i in clusters[n]] for n in fresh]
    # Reasons were grouped with the sentence before each, so what they share is counted there too.
    contexts = [
        [
            f"{units[before[i]].text} {units[i].text}"
            if facet_of[n] in REASON_FACETS and i in before
            else units[i].text
            for i in clusters[n]
        ]
        for n in fresh
    ]
    # A reason to leave or to choose another is named by what the story turns to, never by the good news or the
    # praise before the turn (qa149: "Turn times came down. But then … our volume fell off a cliff" was labelled
    # "Turn times came down", a lost deal's security hold "Carl's team preferred it")
    told = [
        [t for t in map(told_after_the_turn, texts[n]) if t] or texts[n]
        if facet_of[n] in REASON_FACETS
        else texts[n]
        for n in fresh
    ]
    told = [[without_remarks(t) for t in members] for members in told]
    labels = label_themes(
        told,
        all_texts,
        taken=taken,
        sources=said_by,
        contexts=contexts,
        product=own_product_named(units, outcomes),
        why=[facet_of[n] in REASON_FACETS for n in fresh],
    )
    for number, label in zip(fresh, labels, strict=True):
        # one account's story of why it went is named by the reason its people led with, in a word or three, asked
        # why it went ("Price. Tai came in about thirty percent cheaper per seat, and they bundled the accounting
        # module, so we didn't need a separate QuickBooks workflow.", qa296: labelled by the side remark at its end)
        headline = _headline(units, clusters[number]) if facet_of[number] in REASON_FACETS else None
        themes[number].label = headline if headline and headline.casefold() not in taken else label
        taken.add(themes[number].label.casefold())
    for theme in themes:
        _label_quote_first(theme)
    _add_points(units, vectors, themes, clusters, heading_of, all_texts, outcomes)
    if codebook:
        save_codebook(codebook, updated_codebook(known, themes, centroids, reused, analyzer=analyzer))
    themes.sort(key=reach_order)
    return themes


def _add_points(
    units: Sequence[Unit],
    vectors: np.ndarray,
    themes: Sequence[Theme],
    clusters: Sequence[Sequence[int]],
    headings: Mapping[Facet, Sequence[int]],
    all_texts: Sequence[str],
    outcomes: Mapping[str, str | None],
) -> None:
    """Each survey-led theme's points (``theme_points``, its heading's words read once), labelled as themes are; a
    point that says its theme's label takes that label, and two points of a theme with the same label are one point
    (qa309: "Price went up at renewal" and "price", one theme's "Price" twice). A point's quotes say its label first,
    one per source."""
    words: dict[Facet, HeadingWords] = {}
    found: list[tuple[int, list[int]]] = []
    for number, (theme, cluster) in enumerate(zip(themes, clusters, strict=True)):
        if theme.facet in REASON_FACETS:
            continue
        if theme.facet not in words:
            words[theme.facet] = HeadingWords(units, headings[theme.facet])
        found += [(number, p) for p in theme_points(units, vectors, cluster, words[theme.facet])]
    if not found:
        return
    texts = [[without_remarks(units[i].lead + units[i].text) for i in p] for _, p in found]
    labels = label_themes(texts, all_texts, sources=[[units[i].doc_id for i in p] for _, p in found])
    by_theme: dict[int, dict[str, tuple[str, list[int]]]] = {}
    for (number, point), said, label in zip(found, texts, labels, strict=True):
        label = themes[number].label if says(said, themes[number].label) else label
        kept = by_theme.setdefault(number, {})
        _, members = kept.setdefault(label.casefold(), (label, []))
        members.extend(point)
    for number, points in by_theme.items():
        if len(points) < 2:
            continue
        for label, point in sorted(points.values(), key=lambda p: -len({units[i].doc_id for i in p[1]})):
            # most representative first, those that say the label before the rest
            ranked = sorted(
                by_centrality(vectors, point), key=lambda i: not says([units[i].lead + units[i].text], label)
            )
            quotes = sure_first(one_per_document([units[i].evidence() for i in ranked]))
            counted = counted_theme(themes[number].facet, quotes, outcomes=outcomes)
            themes[number].points.append(
                ThemePoint(
                    label=label,
                    interviews=counted.interviews,
                    respondents=counted.respondents,
                    accounts=counted.accounts,
                    documents=counted.documents,
                    account_ids=counted.account_ids,
                    by_outcome=counted.by_outcome,
                    evidence=quotes[:QUOTES_PER_THEME],
                )
            )


# The reason a speaker leads with, as a sentence of a word or three of its own: "Price.", "Cost, mostly.", "Money,
# mostly." (a fragment, no clause; the hedge after a comma aside).
HEADLINE_WORDS = 3
_FIRST_SENTENCE = re.compile(
    r"^\W*(?:(?:honestly|so|well|yeah|oh|um|uh)[\s,]+)*([^.!?]+?)[.!?](?:\s|$)", re.IGNORECASE
)
_HEDGE_AFTER = re.compile(
    r",\s*(?:mostly|mainly|really|honestly|basically|primarily|largely|i guess|i think)\s*$", re.I
)


def _headline(units: Sequence[Unit], cluster: Sequence[int]) -> str | None:
    """The reason one account's people led with, asked why it went, in HEADLINE_WORDS words or fewer; None when
    the story is several accounts', or no answer opens so."""
    if len({units[i].doc_id for i in cluster}) != 1:
        return None
    for i in cluster:
        unit = units[i]
        opened = _FIRST_SENTENCE.match(unit.text)
        if not (unit.question and asked_what_went(unit.question) and opened):
            continue
        fragment = _OPENING_AND.sub("", _HEDGE_AFTER.sub("", opened.group(1)).strip(" ,;:"))
        words = fragment.split()
        # (nor a who: "Our CIO.", qa306, the reason told after it)
        if (
            0 < len(words) <= HEADLINE_WORDS
            and not says_nothing(fragment)
            and not _A_CLAUSE.search(fragment)
            and not names_only_people(fragment)
        ):
            return fragment[:1].upper() + fragment[1:]
    return None


# A clause, which a headline is not: a subject and its verb ("We left", "It was price").
_A_CLAUSE = re.compile(
    r"^\s*(i|we|you|they|he|she|it|that|this|there)\b|"
    r"\b(i|we|you|they|he|she|it|that|this|there)\b\s*(\w+\s+)?(was|were|is|are|did|do|had|have|left|went|got|\w+ed)\b|"
    r"^\s*(no|yes|yeah|nope|not really)\b",
    re.IGNORECASE,
)
_OPENING_AND = re.compile(r"^(?:and|but|so|also|plus)\s+", re.IGNORECASE)


def _ordered(
    units: Sequence[Unit],
    vectors: np.ndarray,
    facets: FacetScores,
    clusters: Sequence[Sequence[int]],
    facet_of: Sequence[Facet],
) -> list[list[int]]:
    """Each cluster's most representative statement first; in one source's story of why it went, the statement
    most surely a reason (its parts lie apart, so the centre of the story is no statement's: qa48, "Tasha ended up
    handling breakage in email" led a story whose surest reason was "even at half price it was too much for what we
    used")."""
    return [
        by_certainty(facets, c, facet, units)
        if facet in REASON_FACETS and len({units[i].doc_id for i in c}) == 1
        else by_centrality(vectors, c)
        for facet, c in zip(facet_of, clusters, strict=True)
    ]


def kept_in_place(
    units: Sequence[Unit],
    first: Mapping[int, Facet],
    clusters: Sequence[Sequence[int]],
    facet_of: Sequence[Facet],
    reused: Mapping[int, CodebookEntry],
    known: Sequence[CodebookEntry],
    *,
    analyzer: str,
) -> tuple[list[list[int]], list[Facet], dict[int, CodebookEntry]] | None:
    """The clusters with each statement back in the theme an earlier build put it in, when that theme is found
    again (or most of its statements are still there: ``known``, the codebook), the statement is still under its
    heading and the same analyzer grouped it; None when nothing moves.

    Adding interviews re-cuts each heading (a larger heading allows more clusters), and survey answers nobody
    changed would otherwise move between themes, so that `diff` shows counts rising and falling where nothing new
    was said (five testers' reports, thirty-first session). As a coder keeps an excerpt under its code while the
    code stands, a statement keeps its theme; what is new follows this build's cut. A cluster left with fewer than
    MIN_SOURCES sources (one, for a reason to leave) by the statements taken back is no theme of its own any more.
    """
    row_of = {_key(units[i].evidence()): i for i in first}
    home: dict[int, int] = {}
    for number, entry in reused.items():
        if entry.grouped_by != analyzer or entry.facet != facet_of[number]:
            continue
        for key in entry.members:
            row = row_of.get(key)
            if row is not None and first[row] == entry.facet:
                home[row] = number
    # a remembered theme this build's cut split among others stands while most of its statements do (as
    # ``carried_over`` keeps one whose statements the cut left unthemed)
    reused = dict(reused)
    facet_of = list(facet_of)
    clusters = [list(c) for c in clusters]
    found = {id(entry) for entry in reused.values()}
    for entry in known:
        if id(entry) in found or entry.grouped_by != analyzer or not entry.members:
            continue
        rows = [row_of[k] for k in entry.members if k in row_of and first[row_of[k]] == entry.facet]
        standing = [row for row in rows if row not in home]
        enough = 1 if entry.facet in REASON_FACETS else MIN_SOURCES
        if (
            len(standing) > MEMBER_SHARE * len(entry.members)
            and len({units[i].doc_id for i in standing}) >= enough
        ):
            reused[len(clusters)] = entry
            home.update(dict.fromkeys(standing, len(clusters)))
            clusters.append([])
            facet_of.append(entry.facet)  # type: ignore[arg-type]  # a facet the codebook was written with
    # ... and a statement no earlier build grouped joins the theme that holds one in its very words (qa298: six new
    # respondents wrote "Kept raising prices" and formed two themes of their own beside the theme of it)
    said_in: dict[tuple[Facet, str], int] = {}
    for row, number in sorted(home.items()):
        said_in.setdefault((first[row], _in_words(units[row].text)), number)
    remembered = {k for entry in known for k in entry.members}
    for row in first:
        if row not in home and _key(units[row].evidence()) not in remembered:
            theme = said_in.get((first[row], _in_words(units[row].text)))
            if theme is not None:
                home[row] = theme
    moved = [[i for i in c if home.get(i, number) == number] for number, c in enumerate(clusters)]
    present = [set(members) for members in moved]
    for row, number in sorted(home.items()):
        if row not in present[number]:
            moved[number].append(row)
    if moved == clusters:
        return None

    def sources(rows: Sequence[int]) -> int:
        return len({units[i].doc_id for i in rows})

    kept = [
        number
        for number, members in enumerate(moved)
        if members
        and (
            sources(members) >= (1 if facet_of[number] in REASON_FACETS else MIN_SOURCES)
            or sources(members) >= sources(clusters[number])
        )
    ]
    renumbered = {old: new for new, old in enumerate(kept)}
    return (
        [moved[n] for n in kept],
        [facet_of[n] for n in kept],
        {renumbered[n]: entry for n, entry in reused.items() if n in renumbered},
    )


def _in_words(text: str) -> str:
    """A statement's words, case, spacing and closing punctuation aside ("Kept raising prices." is "kept raising
    prices")."""
    return " ".join(text.casefold().split()).strip(" .!?,;:")


def _label_outgrown(entry: CodebookEntry, sources: int) -> bool:
    """Whether a remembered label was cut from one source's words and others now raise the theme: it named that one
    story ("And radios", of "Paper board. [laughs] And radios.", kept when 22 respondents joined the theme, qa236),
    and the theme is relabelled; so is one the theme has more than doubled since: most of its sources were not there
    when the label was cut (qa273: "I showed them that the phone stopped ringing", cut when two interviews raised the
    theme, stayed its label when six did, where a build of all of them says "Case calls")."""
    return entry.label_sources > 0 and (
        entry.label_sources < MIN_SOURCES <= sources or sources > 2 * entry.label_sources
    )


def carried_over(
    units: Sequence[Unit],
    first: Mapping[int, Facet],
    clusters: Sequence[Sequence[int]],
    known: Sequence[CodebookEntry],
) -> list[tuple[CodebookEntry, list[int]]]:
    """Themes of an earlier build that this build's cut left out, kept: a remembered theme whose statements are
    still there (more than MEMBER_SHARE of them), still under its heading and in no theme of this build, from at
    least MIN_SOURCES sources (any one, for a reason to leave). Adding data recuts each heading (a larger heading
    allows more clusters), and a theme whose evidence nobody else claimed would otherwise vanish from `diff` though
    nothing of it changed (theme_stability, seed 0: four of nine themes lost so, each statement left unthemed).
    As a coder keeps a code while its excerpts stand; themes the cut did find come first."""
    if not known:
        return []
    themed = {i for cluster in clusters for i in cluster}
    row_of = {_key(units[i].evidence()): i for i in first if i not in themed}
    found: list[tuple[CodebookEntry, list[int]]] = []
    for entry in known:
        standing = [k for k in entry.members if k in row_of and first[row_of[k]] == entry.facet]
        sources = {units[row_of[k]].doc_id for k in standing}
        enough = 1 if entry.facet in REASON_FACETS else MIN_SOURCES
        if entry.members and len(standing) > MEMBER_SHARE * len(entry.members) and len(sources) >= enough:
            found.append((entry, sorted(row_of.pop(k) for k in standing)))
    return found


def _key(quote: Evidence) -> str:
    return statement_key(quote)


def shared_reasons(units: Sequence[Unit], vectors: np.ndarray, heading: Sequence[int]) -> list[list[int]]:
    """The reasons grouped at the fixed distance, a group of several sources kept only if it holds together as
    a theme does (``beyond_chance``: closer in meaning than chance, or a word it says); else each statement is its
    source's own again (qa296: a price churn of a small shop and an acquisition, "I looked at the renewal quote and
    said", one line of two accounts)."""
    found = cluster_members(vectors, heading)
    standing = {tuple(p) for p in beyond_chance(units, vectors, heading, found)}
    kept: list[list[int]] = []
    for part in found:
        if tuple(part) in standing or len({units[i].doc_id for i in part}) < MIN_SOURCES:
            kept.append(list(part))
        else:
            kept += [[i] for i in part]
    return kept


def one_story_per_source(units: Sequence[Unit], parts: Sequence[Sequence[int]]) -> list[list[int]]:
    """The reason parts with each source's own parts (those no other source shares) joined into one: an account
    tells why it left in several sentences ("the incumbents had a structural advantage", "going with the vendor
    you already have is usually the path of least resistance", "extending those meant no new vendor"), and
    grouping at a fixed distance splits that one story into as many one-line themes (samples/: five of the
    nine reasons shown were such lines of two accounts). Parts two or more sources share are kept as found."""
    shared: list[list[int]] = []
    own: dict[str, list[int]] = {}
    for part in parts:
        sources = {units[i].doc_id for i in part}
        if len(sources) >= MIN_SOURCES:
            shared.append(list(part))
        else:
            own.setdefault(sources.pop(), []).extend(part)
    return shared + [sorted(story) for story in own.values()]


def one_answer_told_once(units: Sequence[Unit], parts: Sequence[Sequence[int]]) -> list[list[int]]:
    """A heading's survey parts with each whose answers are all answers another part holds joined into it: the
    respondents told one thing in two sentences, each sentence grouped apart ("Audit readiness. Paper binders were a
    liability." and "e-binders. We were terrified of our next FDA inspection", qa321: two reasons for choosing it of
    the same 11 respondents, which a reader adds up). Parts holding an interview's statements are kept as found."""

    def answers(part: Sequence[int]) -> frozenset[tuple[str, str | None]] | None:
        if any(units[i].kind != "survey_response" for i in part):
            return None
        return frozenset((units[i].doc_id, units[i].question) for i in part)

    told = [answers(p) for p in parts]
    # the parts holding the most answers first: each joins the first before it that holds all its answers
    order = sorted(range(len(parts)), key=lambda n: -len(told[n] or ()))
    hosts: list[int] = []
    joined: dict[int, list[int]] = {}
    for n in order:
        mine = told[n]
        host = None
        if mine is not None and len({doc for doc, _ in mine}) >= MIN_SOURCES:
            host = next((m for m in hosts if mine <= (told[m] or frozenset())), None)
        if host is None:
            hosts.append(n)
            joined[n] = list(parts[n])
        else:
            joined[host] = sorted([*joined[host], *parts[n]])
    return [joined[n] for n in range(len(parts)) if n in joined]


def reach_order(theme: Theme) -> tuple[int, int, str, str]:
    """Themes raised by more interviews and respondents first; between equals, the one customers said more
    about (a churn reason an interviewee spent three sentences on before a passing remark), then by name."""
    return (-(theme.interviews + theme.respondents), -len(theme.members), theme.facet, theme.label)


def recurring_clusters(units: Sequence[Unit], vectors: np.ndarray, members: Sequence[int]) -> list[list[int]]:
    """Theme clusters of the given units (``heading_parts``) that at least MIN_SOURCES distinct documents raise:
    the theme stage of ``find_themes`` for one heading, as the benchmarks run it."""
    return [
        cluster
        for cluster in one_answer_told_once(
            units, beyond_chance(units, vectors, members, heading_parts(vectors, members, units=units))
        )
        if len({units[i].doc_id for i in cluster}) >= MIN_SOURCES
    ]


def heading_parts(
    vectors: np.ndarray,
    under: Sequence[int],
    *,
    origin: np.ndarray | None = None,
    units: Sequence[Unit] | None = None,
) -> list[list[int]]:
    """The parts of one heading's statements that are themes: the cut the silhouette search chooses, keeping
    the parts whose members are each other's neighbours (``standing_parts``; the rest stay unthemed).

    A heading too small for the search (fewer than SEARCH_MIN_STATEMENTS), or one the search leaves whole (it
    had no cut to weigh), is grouped at the fixed distance: one theme of everything under a heading says
    nothing, and a heading whose statements are not each other's neighbours would otherwise have no theme."""
    if len(under) < SEARCH_MIN_STATEMENTS:
        return cluster_members(vectors, under)
    parts = theme_clusters(vectors, under, origin=origin)
    if len(parts) == 1:
        return cluster_members(vectors, under)
    parts = [group for part in parts for group in themes_apart(vectors, part, origin=origin)]
    if units is not None:
        words = HeadingWords(units, under)
        parts = [group for part in parts for group in told_apart(units, vectors, part, words)]
    return standing_parts(vectors, under, parts, origin=origin)


class HeadingWords:
    """Each of a heading's statements' words (``words_named``), and in how many of its statements each word is
    said, read once for every pair of groups ``told_apart`` weighs."""

    def __init__(self, units: Sequence[Unit], heading: Sequence[int]) -> None:
        self.units = units
        self.size = len(heading)
        self.named = {i: words_named(units[i].text) for i in heading}
        self.statements = Counter(word for i in heading for word in self.named[i])

    def joining(self, first: Sequence[int], second: Sequence[int]) -> bool:
        """Whether the two groups say one same word that makes them one (``_shared_words`` of the two together):
        said in each, by half of their sources together (two at least), and by half of their statements or beyond
        chance in the heading."""
        said = set().union(*(self.named[i] for i in first)) & set().union(*(self.named[i] for i in second))
        if not said:
            return False
        union = [*first, *second]
        need = max(MIN_SOURCES, NEIGHBOUR_SHARE * len({self.units[i].doc_id for i in union}))
        for word in said:
            saying = [i for i in union if word in self.named[i]]
            if len({self.units[i].doc_id for i in saying}) < need:
                continue
            k = len(saying)
            if (
                k >= NEIGHBOUR_SHARE * len(union)
                or hypergeom.sf(k - 1, self.size, self.statements[word], len(union)) <= CHANCE_P
            ):
                return True
        return False


def told_apart(
    units: Sequence[Unit], vectors: np.ndarray, part: Sequence[int], words: HeadingWords
) -> list[list[int]]:
    """An interview-led part as the groups the fixed distance keeps together, groups that say one same word
    joined again (``HeadingWords.joining``: a word said in each, by half of their sources, and by half of their
    statements or beyond chance in the heading, as ``_said_by_half`` asks of a theme). Interview sentences are
    loose in meaning, so the heading's cut (at most √N parts) puts several triggers told in few sentences each under
    one ("A barre and yoga studio": two new studios, a new operations hire and a processor outage, qa304); the fixed
    distance alone cuts one trigger told in different words apart ("We grew fast", "We were growing", "Our partner
    group wanted to grow", qa300), which their shared word joins."""
    part = list(part)
    if len(part) < 3 or not _interview_led(units, part):
        return [part]
    return _groups_joined(units, vectors, part, words)


def _interview_led(units: Sequence[Unit], part: Sequence[int]) -> bool:
    """Whether most of a part's statements are interviews' (not survey answers)."""
    return 2 * sum(units[i].kind == "interview" for i in part) > len(part)


def _groups_joined(
    units: Sequence[Unit], vectors: np.ndarray, part: Sequence[int], words: HeadingWords
) -> list[list[int]]:
    """The part's groups at the fixed distance, those that say one same word joined (``HeadingWords.joining``)."""
    groups = [tuple(group) for group in cluster_members(vectors, part)]
    # (a pair unchanged since is not weighed again)
    weighed: dict[tuple[tuple[int, ...], tuple[int, ...]], bool] = {}

    def joining(first: tuple[int, ...], second: tuple[int, ...]) -> bool:
        if (first, second) not in weighed:
            weighed[first, second] = words.joining(first, second)
        return weighed[first, second]

    while len(groups) > 1:
        pair = next(
            (
                (a, b)
                for a in range(len(groups))
                for b in range(a + 1, len(groups))
                if joining(groups[a], groups[b])
            ),
            None,
        )
        if pair is None:
            break
        a, b = pair
        groups[a] = groups[a] + groups[b]
        del groups[b]
    return [list(group) for group in groups]


def theme_points(
    units: Sequence[Unit], vectors: np.ndarray, cluster: Sequence[int], words: HeadingWords
) -> list[list[int]]:
    """The different things a survey-led theme's statements say, each raised by MIN_SOURCES sources or more, most
    raised first: its groups as ``told_apart`` tells an interview-led part's, when it holds two or more (else none).
    A survey heading's cut is kept whole, as the public surveys' people coded their answers at about that
    granularity, but a theme that holds several kinds of answer under one answer's words reads as all of them saying
    it (qa307: "Support answers are slow on weekends — 22 respondents", 4 about support and the rest internet
    outages, integrations and the mobile app); its points say what each said and how many."""
    cluster = list(cluster)
    if len(cluster) < 2 * MIN_SOURCES or _interview_led(units, cluster):
        return []
    # (a point whose answers another holds is that one, told in two sentences: see one_answer_told_once)
    points = [
        group
        for group in one_answer_told_once(units, _groups_joined(units, vectors, cluster, words))
        if len({units[i].doc_id for i in group}) >= MIN_SOURCES
    ]
    if len(points) < 2:
        return []
    return sorted(points, key=lambda g: -len({units[i].doc_id for i in g}))


def themes_apart(
    vectors: np.ndarray, part: Sequence[int], *, origin: np.ndarray | None = None
) -> list[list[int]]:
    """The part as the groups it holds that each stand apart from the rest of it: of the cuts of its own tree into 2
    to √N groups, the one whose least distinct group is most distinct, when every group's statements are, on
    average, a reasonable structure by their silhouette (STRUCTURE_SILHOUETTE); else the part whole. The heading's
    cut allows at most √N parts, so a heading of more kinds of answer than that merges some (qa301, qa302, qa303:
    "Mobile app is slow in the cellar — 27 survey respondents", of whom 9 said it and the rest four other complaints,
    each in words of its own)."""
    part = list(part)
    most = int(np.sqrt(len(part)))
    if most < 2:
        return [part]
    centre = vectors[part].mean(axis=0) if origin is None else origin
    points = _unit(vectors[part] - centre)
    tree, cell_of_point = _tree(points)
    rows, distances = _sampled_distances(points)
    best: tuple[float, np.ndarray] | None = None
    for k in _cut_sizes(most):
        labels = fcluster(tree, k, criterion="maxclust")[cell_of_point]
        sampled = labels[rows]
        if len(np.unique(sampled)) < 2:
            continue
        each = silhouette_samples(distances, sampled, metric="precomputed")
        least = min(float(each[sampled == group].mean()) for group in np.unique(sampled))
        if best is None or least > best[0]:
            best = (least, labels)
    if best is None or best[0] < STRUCTURE_SILHOUETTE:
        return [part]
    groups: dict[int, list[int]] = {}
    for member, label in zip(part, best[1], strict=True):
        groups.setdefault(int(label), []).append(member)
    # ... and groups the fixed distance would keep together are one theme said in several set wordings ("no more
    # re-keying into Symitar", "no more retyping apps into the core"), not several themes
    split = list(groups.values())
    means = np.array([_unit(vectors[group]).mean(axis=0) for group in split])
    joined: dict[int, list[int]] = {}
    for group, label in zip(
        split, _link_cells(means, np.array([len(g) for g in split]), DISTANCE_THRESHOLD), strict=True
    ):
        joined.setdefault(int(label), []).extend(group)
    return list(joined.values())


def theme_clusters(
    vectors: np.ndarray, members: Sequence[int], *, origin: np.ndarray | None = None
) -> list[list[int]]:
    """Clusters at a granularity chosen from the data: an average-linkage tree of the vectors centred on
    ``origin`` (default: the members' mean), cut where the silhouette is highest among 2 to √N clusters."""
    members = list(members)
    if len(members) < 3:
        return [members] if members else []
    # Centring removes the direction every sentence embedding shares, which would otherwise chain most
    # statements into one cluster and peel the rest off one by one.
    centre = vectors[members].mean(axis=0) if origin is None else origin
    points = _unit(vectors[members] - centre)
    tree, cell_of_point = _tree(points)
    groups: dict[int, list[int]] = {}
    for member, label in zip(members, _best_cut(tree, points, cell_of_point), strict=True):
        groups.setdefault(int(label), []).append(member)
    return list(groups.values())


def in_context(units: Sequence[Unit], vectors: np.ndarray) -> tuple[np.ndarray, dict[int, int]]:
    """Each statement's vector averaged with the sentence before it in the same answer, and which sentence that
    was: a reason often spreads over two sentences ("Lisa left in the autumn. She went to a bigger
    retailer."), and the second alone says little."""
    joined = _unit(vectors)
    before: dict[int, int] = {}
    for i in range(1, len(units)):
        previous, unit = units[i - 1], units[i]
        answer = (previous.doc_id, previous.speaker, previous.question)
        # (never one that only says what was not the matter: "Not really by itself. The price was okay." before "It
        # was that … the fitting data didn't work" grouped a sync churn with price, qa201)
        if (
            answer == (unit.doc_id, unit.speaker, unit.question)
            and 0 <= unit.start - previous.end <= 2
            and not rules_it_out(previous.text)
        ):
            joined[i] = _unit(joined[i] + _unit(vectors[i - 1]))
            before[i] = i - 1
    return joined, before


def standing_parts(
    vectors: np.ndarray,
    heading: Sequence[int],
    parts: Sequence[Sequence[int]],
    *,
    origin: np.ndarray | None = None,
) -> list[list[int]]:
    """The parts whose members are mostly each other's nearest neighbours among the heading's statements (in
    the space centred on ``origin``): on average NEIGHBOUR_SHARE of each member's nearest ones. A lone
    statement, or a part that is the whole heading, has nothing to stand apart from and is kept."""
    heading, groups = list(heading), [list(p) for p in parts]
    if not groups:
        return []
    centre = vectors[heading].mean(axis=0) if origin is None else origin
    points = _unit(vectors[heading] - centre)
    row_of = {member: row for row, member in enumerate(heading)}
    part_of = np.full(len(heading), -1)
    judged: list[int] = []  # the parts that are judged, and a sample of each one's rows
    rows: list[int] = []
    rng = np.random.default_rng(0)
    for number, part in enumerate(groups):
        part_of[[row_of[m] for m in part]] = number
        if 2 <= len(part) < len(heading):
            mine = [row_of[m] for m in part]
            if len(mine) > NEIGHBOUR_SAMPLE:
                mine = rng.choice(mine, NEIGHBOUR_SAMPLE, replace=False).tolist()
            judged += [number] * len(mine)
            rows += mine
    nearest = _nearest(points, rows)
    # Counted in whole neighbours, so that exactly half is half (a mean of thirds can fall a hair short of it).
    own: dict[int, int] = {}
    looked: dict[int, int] = {}
    for number, neighbours in zip(judged, nearest, strict=True):
        k = min(len(groups[number]) - 1, NEIGHBOURS)
        own[number] = own.get(number, 0) + int(np.sum(part_of[neighbours[:k]] == number))
        looked[number] = looked.get(number, 0) + k
    return [
        p
        for n, p in enumerate(groups)
        if (n not in own or own[n] >= NEIGHBOUR_SHARE * looked[n])
        and (len(p) != 2 or _close_pair(vectors, p))
    ]


def beyond_chance(
    units: Sequence[Unit], vectors: np.ndarray, heading: Sequence[int], parts: Sequence[Sequence[int]]
) -> list[list[int]]:
    """The parts of a heading that hold together: a part of three or more statements must be closer in meaning
    than chance (``_ChanceSpread``) or have half of its sources say the same word (``_said_by_half``), which a
    heading too small for the test to tell anything (a dozen statements) still shows."""
    chance = _ChanceSpread(_unit(vectors[list(heading)])) if any(len(p) >= 3 for p in parts) else None
    row_of = {member: row for row, member in enumerate(heading)}
    named: dict[int, set[str]] = {}  # each statement's words, read once for every part the word test weighs
    return [
        list(p)
        for p in parts
        if len(p) < 3
        or (chance is not None and chance.tighter([row_of[m] for m in p]))
        or _said_by_half(units, p, heading, named=named)
    ]


def _said_by_half(
    units: Sequence[Unit],
    part: Sequence[int],
    heading: Sequence[int] = (),
    *,
    named: dict[int, set[str]] | None = None,
) -> bool:
    """Whether at least half of a part's sources (NEIGHBOUR_SHARE, as many as the neighbour test asks of its
    members), two at least, say one same word: two of five sharing "time" ("at the same time", "great timing")
    is no theme (qa191: "Opening the second clinic — 5 interviews", five different triggers). With ``heading``,
    the word must also be what the part says: said by half of its statements too, or by more of them than as
    many drawn at random from the heading's would say, but for CHANCE_P of draws (a one-sided hypergeometric
    test, as the meaning test's permutation). "People", one sentence in each of three interviews' eight about six
    different troubles, is said all over the heading (qa296: "Selling a lane", the summary's top pain, held check
    calls, a fake carrier and double entry). ``named`` keeps each statement's words (``words_named``) between calls
    for one heading."""
    named = {} if named is None else named
    for i in (*part, *heading):
        if i not in named:
            named[i] = words_named(units[i].text)
    said_by: dict[str, set[str]] = {}
    for i in part:
        for word in named[i]:
            said_by.setdefault(word, set()).add(units[i].doc_id)
    need = max(MIN_SOURCES, NEIGHBOUR_SHARE * len({units[i].doc_id for i in part}))
    shared = [word for word, sources in said_by.items() if len(sources) >= need]
    if not shared or not heading:
        return bool(shared)
    for word in shared:
        k = sum(word in named[i] for i in part)
        if k >= NEIGHBOUR_SHARE * len(part):
            return True
        if hypergeom.sf(k - 1, len(heading), sum(word in named[i] for i in heading), len(part)) <= CHANCE_P:
            return True
    return False


class _ChanceSpread:
    """How alike as many of a heading's statements drawn at random are, DRAWS times, for any number of them up to
    NEIGHBOUR_SAMPLE (a large part is judged by that many of its members, as the neighbour test judges it)."""

    def __init__(self, meanings: np.ndarray) -> None:
        self.meanings = meanings  # unit vectors
        rng = np.random.default_rng(0)
        # each row NEIGHBOUR_SAMPLE statements drawn in random order: its first k are k drawn at random
        size = min(NEIGHBOUR_SAMPLE, len(meanings))
        drawn = np.array([rng.choice(len(meanings), size, replace=False) for _ in range(DRAWS)])
        # the squared length of the summed vector of each draw's first k, k = 1..size: kept alone, not the summed
        # vectors themselves (draws × size × dims, ~77 MB a heading)
        self.lengths = np.empty((DRAWS, size), dtype=meanings.dtype)
        summed = np.zeros((DRAWS, meanings.shape[1]), dtype=meanings.dtype)
        for k in range(size):
            summed = summed + meanings[drawn[:, k]]
            self.lengths[:, k] = np.einsum("dk,dk->d", summed, summed)

    def tighter(self, rows: Sequence[int]) -> bool:
        """Whether the statements at ``rows`` are more alike than all but CHANCE_P of the draws of as many: their
        summed vector is longer (the sum of their pairwise similarities is |Σv|² less their number)."""
        if len(rows) >= len(self.meanings):
            return True
        if len(rows) > NEIGHBOUR_SAMPLE:
            rows = np.random.default_rng(0).choice(rows, NEIGHBOUR_SAMPLE, replace=False).tolist()
        summed = self.meanings[list(rows)].sum(axis=0)
        wider = int(np.sum(self.lengths[:, len(rows) - 1] >= float(summed @ summed)))
        return (1 + wider) / (1 + DRAWS) <= CHANCE_P


def _close_pair(vectors: np.ndarray, pair: Sequence[int]) -> bool:
    """Whether a part of two statements stands. Such a part is a majority of itself whenever one's nearest
    statement is the other, so it is judged as the fixed-distance grouping would judge it: its two statements
    lie within DISTANCE_THRESHOLD of each other. The same fixed distance, not a new value (samples/: the two
    pairs it drops, "Cleaner approvals, better capture" with "doing nothing was an option" and "A little" with
    "waiting on IT sign-off", lie 0.78 and 0.75 apart)."""
    first, second = _unit(vectors[list(pair)])
    return 1.0 - float(first @ second) <= DISTANCE_THRESHOLD


def _nearest(points: np.ndarray, rows: Sequence[int], *, chunk: int = 1_000) -> np.ndarray:
    """For each of the given rows, the NEIGHBOURS other rows of ``points`` most similar to it, nearest first."""
    k = min(NEIGHBOURS, len(points) - 1)
    found = np.zeros((len(rows), max(k, 0)), dtype=int)
    for at in range(0, len(rows), chunk):
        mine = np.asarray(rows[at : at + chunk])
        similar = points[mine] @ points.T
        similar[np.arange(len(mine)), mine] = -np.inf  # a statement is not its own neighbour
        top = np.argpartition(-similar, k - 1, axis=1)[:, :k]
        order = np.argsort(-np.take_along_axis(similar, top, axis=1), axis=1, kind="stable")
        found[at : at + len(mine)] = np.take_along_axis(top, order, axis=1)
    return found


def _tree(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A SciPy linkage matrix over the points, or (above EXACT_MEMBERS) over k-means cells of them;
    with, for each point, the leaf of the tree it sits in."""
    if len(points) <= EXACT_MEMBERS:
        return linkage(points, method="average", metric="cosine"), np.arange(len(points))
    means, sizes, cell_of_point = _cells(points)
    return _cell_tree(means, sizes), cell_of_point


def _best_cut(tree: np.ndarray, points: np.ndarray, cell_of_point: np.ndarray) -> np.ndarray:
    """Point labels at the cut (number of clusters from 2 to MAX_CUT_ROOTS·√N) with the highest silhouette,
    leaving out cuts where one cluster holds most of the points: those have only peeled off a few outliers."""
    leaves = len(tree) + 1
    most = min(leaves - 1, int(MAX_CUT_ROOTS * np.sqrt(len(points))))
    if most < 2:
        return np.zeros(len(points), dtype=int)
    rows, distances = _sampled_distances(points)
    silhouettes = CutSilhouettes(distances)
    best: tuple[float, np.ndarray] | None = None
    for k in _cut_sizes(most):
        labels = fcluster(tree, k, criterion="maxclust")[cell_of_point]
        if not 1 < len(np.unique(labels[rows])) < len(rows) or 2 * np.bincount(labels).max() > len(labels):
            continue
        score = silhouettes.score(labels[rows])
        if best is None or score > best[0]:
            best = (score, labels)
    return best[1] if best else np.zeros(len(points), dtype=int)


def _sampled_distances(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A fixed sample of the points' rows (SILHOUETTE_SAMPLE), and their cosine distances: what silhouettes are
    measured on."""
    rows = np.random.default_rng(0).permutation(len(points))[:SILHOUETTE_SAMPLE]
    distances = np.clip(1.0 - points[rows] @ points[rows].T, 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    return rows, distances


def _cut_sizes(most: int) -> Sequence[int]:
    """The numbers of clusters a search tries, 2 to ``most``: each one, or CUTS of them spaced geometrically."""
    return range(2, most + 1) if most - 1 <= CUTS else sorted({round(k) for k in np.geomspace(2, most, CUTS)})


class CutSilhouettes:
    """The mean silhouette of successive cuts of one tree over a fixed sample, given its distance matrix.

    The same floats as sklearn's ``silhouette_score(distances, labels, metric="precomputed")``: each sample's
    distances to a cluster are summed in double precision over the cluster's members in index order, as its
    ``bincount`` sums them, and the rest is its arithmetic in the matrix's own precision. Faster because the
    next cut of a tree splits one cluster and keeps the rest, whose sums are kept too.
    """

    def __init__(self, distances: np.ndarray) -> None:
        self._dtype = distances.dtype
        # Row j: every sample's distance to sample j, in double precision (bincount adds its weights as doubles).
        self._columns = np.ascontiguousarray(distances.T, dtype=np.float64)
        self._sums: dict[
            bytes, np.ndarray
        ] = {}  # a cluster's members -> each sample's summed distance to them

    def score(self, labels: np.ndarray) -> float:
        """The mean silhouette of the samples under these labels (two or more clusters)."""
        _, cluster = np.unique(labels, return_inverse=True)
        sizes = np.bincount(cluster)
        groups = np.split(np.argsort(cluster, kind="stable"), np.cumsum(sizes)[:-1])
        sums = {}
        for members in groups:
            key = members.tobytes()
            found = self._sums.get(key)
            # Reduced along the members one after another (axis 0), in the order bincount adds them.
            sums[key] = found if found is not None else np.add.reduce(self._columns[members], axis=0)
        self._sums = sums  # the next cut shares its clusters with this one, not with older ones
        to_cluster = np.zeros((len(cluster), len(sizes)), dtype=self._dtype)
        to_cluster += np.column_stack(list(sums.values()))
        rows = np.arange(len(cluster))
        intra = to_cluster[rows, cluster]
        to_cluster[rows, cluster] = np.inf
        to_cluster /= sizes
        inter = to_cluster.min(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            intra /= (sizes - 1).take(cluster, mode="clip")  # a cluster of one: 0/0, a silhouette of 0 below
            silhouettes = inter - intra
            silhouettes /= np.maximum(intra, inter)
        return float(np.mean(np.nan_to_num(silhouettes)))


def _unit(points: np.ndarray) -> np.ndarray:
    return points / np.maximum(np.linalg.norm(points, axis=-1, keepdims=True), 1e-12)


def cluster_members(
    vectors: np.ndarray,
    members: Sequence[int],
    *,
    distance: float = DISTANCE_THRESHOLD,
    linkage: str = "average",
) -> list[list[int]]:
    """Average-linkage (or ``linkage``) cosine clusters of the given rows of ``vectors``, as lists of those rows.

    Linkage needs every pairwise distance (N² memory and time), so above EXACT_MEMBERS rows the rows are first
    summarised by CENTROIDS k-means centroids, and the centroids are linked on average.
    """
    members = list(members)
    if len(members) < 2:
        return [members] if members else []
    if len(members) > EXACT_MEMBERS:
        labels = _two_stage(vectors[members], distance)
    else:
        labels = _linked(vectors[members], distance, linkage)
    groups: dict[int, list[int]] = {}
    for member, label in zip(members, labels, strict=True):
        groups.setdefault(int(label), []).append(member)
    return list(groups.values())


def _linked(points: np.ndarray, distance: float, linkage: str = "average") -> np.ndarray:
    return AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage=linkage, distance_threshold=distance
    ).fit_predict(points)


def _two_stage(points: np.ndarray, distance: float) -> np.ndarray:
    """Average linkage over k-means cells of the points: O(N) memory instead of O(N²).

    Each cell is kept whole, and cells are linked by the mean cosine distance between their members,
    which for unit vectors is exactly 1 - mean(A)·mean(B): the same criterion as average linkage over
    the points themselves, only never splitting a cell.
    """
    means, sizes, cell_of_point = _cells(_unit(points))
    return _link_cells(means, sizes, distance)[cell_of_point]


def _cells(points: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """k-means cells of unit vectors: the mean of each cell, its size, and each point's cell."""
    cells = min(CENTROIDS, len(points) // 5)
    # Random initial centroids and a few Lloyd iterations: k-means++ seeding of 1,000 centroids costs minutes.
    kmeans = KMeans(n_clusters=cells, init="random", n_init=1, max_iter=10, random_state=0).fit(points)
    used, cell_of_point = np.unique(kmeans.labels_, return_inverse=True)
    sizes = np.bincount(cell_of_point).astype(np.float64)
    means = np.zeros((len(used), points.shape[1]))
    np.add.at(means, cell_of_point, points)
    means /= sizes[:, None]
    return means, sizes, cell_of_point


def _cell_tree(means: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """The full average-linkage (UPGMA) tree of cells, as a SciPy linkage matrix; see ``_link_cells``."""
    gaps = 1.0 - means @ means.T
    np.fill_diagonal(gaps, np.inf)
    sizes = sizes.copy()
    node = np.arange(len(means))  # the tree node each row stands for now
    tree = np.zeros((len(means) - 1, 4))
    for step in range(len(means) - 1):
        i, j = sorted(np.unravel_index(int(np.argmin(gaps)), gaps.shape))
        row = (sizes[i] * gaps[i] + sizes[j] * gaps[j]) / (sizes[i] + sizes[j])
        tree[step] = (node[i], node[j], max(gaps[i, j], tree[step - 1, 2] if step else 0.0), 0)
        tree[step, 3] = (tree[node[i] - len(means), 3] if node[i] >= len(means) else 1) + (
            tree[node[j] - len(means), 3] if node[j] >= len(means) else 1
        )
        gaps[i, :] = gaps[:, i] = row
        gaps[j, :] = gaps[:, j] = gaps[i, i] = np.inf
        sizes[i] += sizes[j]
        node[i] = len(means) + step
    return tree


def _link_cells(means: np.ndarray, sizes: np.ndarray, distance: float) -> np.ndarray:
    """Average-linkage labels of cells (means of unit vectors, with member counts), merged below ``distance``."""
    gaps = 1.0 - means @ means.T
    np.fill_diagonal(gaps, np.inf)
    sizes = sizes.copy()
    labels = np.arange(len(means))
    while len(means) > 1:
        i, j = np.unravel_index(int(np.argmin(gaps)), gaps.shape)
        if gaps[i, j] >= distance:
            break
        # The merged cluster's mean distance to any other is the member-weighted mean of the two (UPGMA).
        row = (sizes[i] * gaps[i] + sizes[j] * gaps[j]) / (sizes[i] + sizes[j])
        gaps[i, :] = gaps[:, i] = row
        gaps[j, :] = gaps[:, j] = gaps[i, i] = np.inf
        sizes[i] += sizes[j]
        labels[labels == j] = i
    return labels


def theme_centroids(vectors: np.ndarray, clusters: Sequence[Sequence[int]]) -> np.ndarray:
    """Each cluster's mean vector at unit length: what the codebook matches themes by."""
    return np.array([_unit(vectors[list(c)].mean(axis=0)) for c in clusters])


def by_centrality(vectors: np.ndarray, cluster: Sequence[int]) -> list[int]:
    """The cluster's rows, closest to its centroid (most representative) first."""
    centroid = vectors[list(cluster)].mean(axis=0)
    return sorted(cluster, key=lambda i: -float(vectors[i] @ centroid))


def by_certainty(
    facets: FacetScores, cluster: Sequence[int], facet: Facet, units: Sequence[Unit] | None = None
) -> list[int]:
    """The cluster's rows, the one most surely of the facet first (ties in statement order); with ``units``, one
    that says it was the main reason before the rest, and one told in passing after (``weight_in_the_story``)."""
    column = FACETS.index(facet)
    weight = (
        (lambda i: weight_in_the_story(units[i].text, units[i].question))
        if units is not None
        else (lambda i: 1)
    )
    return sorted(cluster, key=lambda i: (weight(i), -float(facets.scores[i, column])))


def counted_theme(
    facet: Facet, ranked: Sequence[Evidence], *, outcomes: Mapping[str, str | None], label: str = ""
) -> Theme:
    """A theme from all of its evidence, most representative first: counted by distinct documents and
    accounts, with one quote per document first so the evidence shows the spread, not one talkative customer."""
    documents = sorted({e.document for e in ranked})
    interviews = {e.document for e in ranked if e.kind == "interview"}
    accounts = sorted({e.account_id for e in ranked if e.account_id})
    # by account, as the line's "(19 known accounts)" is (qa20: "churned 6, won 30" beside 28 accounts)
    by_outcome = accounts_by_outcome({e.document: e.account_id for e in ranked}, outcomes)
    key = hashlib.sha1("\n".join(sorted(f"{e.document}:{e.start}" for e in ranked)).encode())
    return Theme(
        theme_id=f"{facet}-{key.hexdigest()[:8]}",
        facet=facet,
        label=label,
        interviews=len(interviews),
        respondents=len(documents) - len(interviews),
        accounts=len(accounts),
        documents=documents,
        account_ids=accounts,
        by_outcome=by_outcome,
        evidence=sure_first(_different_wordings_first(one_per_document(ranked)))[:QUOTES_PER_THEME],
        members=_distinct(ranked),
    )


def without_others_leads(
    units: Sequence[Unit], clusters: Sequence[Sequence[int]], themes: Sequence[Theme]
) -> None:
    """Each theme's quotes without the sentence they point back to (``Unit.lead``) where another theme of the heading
    holds that sentence: a quote never sits under two themes of one heading (qa322: "The trust side, um, our
    bookkeeper Deb would print the bank statement…" quoted under two pains, once as the lead of the sentence after).
    Only the quotes shown change: the members, and the ids drawn from them, stay as they are."""
    held = {
        (theme.facet, units[i].doc_id, units[i].start): n
        for n, (theme, cluster) in enumerate(zip(themes, clusters, strict=True))
        for i in cluster
    }
    unit_at = {(units[i].doc_id, units[i].end): i for cluster in clusters for i in cluster}
    for n, theme in enumerate(themes):
        shown = []
        for quote in theme.evidence:
            i = unit_at.get((quote.document, quote.end))
            if i is not None and units[i].lead:
                other = held.get((theme.facet, quote.document, units[i].start - len(units[i].lead)))
                if other is not None and other != n:
                    quote = quote.model_copy(update={"start": units[i].start, "quote": units[i].text})
            shown.append(quote)
        theme.evidence = shown


# A speaker saying they do not know or were not there, beside what they tell: "I think it was the complaints from the
# office park tenants but I'm not sure, I started after" (qa317: the page's top trigger, as in that quote). Closed
# phrases of English.
_UNSURE = re.compile(
    r"\b(?:not sure|no idea|(?:do not|don['’]?t) (?:really )?know|(?:wasn['’]?t|was not) (?:here|there|around|involved)|"
    r"before my time|(?:i )?(?:started|joined|came on|got here) after)\b",
    re.IGNORECASE,
)


def sure_first(quotes: Sequence[Evidence]) -> list[Evidence]:
    """The quotes, those whose speaker says they do not know or were not there after the others (in order)."""
    return sorted(quotes, key=lambda q: bool(_UNSURE.search(q.quote)))


def _label_quote_first(theme: Theme) -> None:
    """The quote the label was cut from leads the theme's evidence (in place of its document's other quote), so a
    reader sees the label said in a customer's own words, not only words none of the first quotes say."""
    if not theme.evidence or says([theme.evidence[0].quote], theme.label):
        return
    source = next((e for e in sure_first(theme.members) if says([e.quote], theme.label)), None)
    if source is not None:
        others = [e for e in theme.evidence if e.document != source.document]
        theme.evidence = [source, *others][:QUOTES_PER_THEME]


def _different_wordings_first(quotes: Sequence[Evidence]) -> list[Evidence]:
    """The quotes, each wording's first before any repeat (respondents often write the very same line)."""
    seen: set[str] = set()
    first: list[Evidence] = []
    repeats: list[Evidence] = []
    for quote in quotes:
        words = wording(quote.quote)
        (repeats if words in seen else first).append(quote)
        seen.add(words)
    return first + repeats


def _distinct(ranked: Sequence[Evidence]) -> list[Evidence]:
    """Each statement once (the LLM path may cite one quote for two findings), in the given order."""
    seen: dict[tuple[str, int, int], Evidence] = {}
    for e in ranked:
        seen.setdefault((e.document, e.start, e.end), e)
    return list(seen.values())
