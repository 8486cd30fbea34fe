"""Themes: granularity chosen from the data, labels drawn from the statements, ids kept by the codebook."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.metrics import adjusted_rand_score, silhouette_score

from icp_assist.analyze import analyze_workspace, themes, topic_vectors
from icp_assist.analyze.codebook import (
    CodebookEntry,
    CodebookError,
    load_codebook,
    match_codebook,
    save_codebook,
)
from icp_assist.analyze.facets import FacetScores, after_the_correction
from icp_assist.analyze.labels import (
    LABEL_RULES_VERSION,
    MAX_LABEL_WORDS,
    label_themes,
    misspellings,
    phrases,
    trim,
)
from icp_assist.analyze.units import Unit, customer_units
from icp_assist.diff import diff_themes
from icp_assist.models import FACETS, Criterion, Evidence, ProfileReport, Theme
from icp_assist.records import Document, Turn


def blobs(rng: np.random.Generator, centres: int, per_centre: int, *, dims: int = 384) -> np.ndarray:
    points = np.repeat(rng.normal(size=(centres, dims)), per_centre, axis=0)
    points += rng.normal(scale=0.3, size=points.shape)
    return points / np.linalg.norm(points, axis=1, keepdims=True)


def respondents(answers: list[str]) -> list[Document]:
    """One survey respondent per answer, R0, R1, ..."""
    return [
        Document(doc_id=f"s.csv#R{n}", kind="survey_response", source="s.csv", title=f"R{n}", text=answer,
                 turns=[Turn(speaker=f"R{n}", start=0, end=len(answer), is_customer=True)])
        for n, answer in enumerate(answers)
    ]  # fmt: skip


def asked(doc_id: str, question: str, lines: list[str]) -> Document:
    """An interview: Jordan asks the question, Owen answers it line by line."""
    said = [("Jordan", question)] + [("Owen", line) for line in lines]
    text = "\n".join(line for _, line in said)
    turns = [
        Turn(speaker=who, start=(at := text.index(line)), end=at + len(line), is_customer=who == "Owen")
        for who, line in said
    ]
    return Document(doc_id=doc_id, kind="interview", source=doc_id, title=doc_id, text=text, turns=turns)


def partition(groups: list[list[int]], n: int) -> list[int]:
    labels = [0] * n
    for number, group in enumerate(groups):
        for i in group:
            labels[i] = number
    return labels


@pytest.mark.parametrize("centres", [4, 9, 16])
def test_the_number_of_themes_comes_from_the_data(centres: int) -> None:
    points = blobs(np.random.default_rng(centres), centres, 20)
    groups = themes.theme_clusters(points, range(len(points)))
    truth = np.repeat(np.arange(centres), 20)
    assert len(groups) == centres
    assert adjusted_rand_score(truth, partition(groups, len(points))) == pytest.approx(1.0)


def test_above_the_exact_limit_the_cells_tree_finds_the_same_themes(monkeypatch: pytest.MonkeyPatch) -> None:
    points = blobs(np.random.default_rng(3), 8, 150)
    exact = themes.theme_clusters(points, range(len(points)))
    monkeypatch.setattr(themes, "EXACT_MEMBERS", 100)
    two_stage = themes.theme_clusters(points, range(len(points)))
    assert len(two_stage) == len(exact) == 8
    assert adjusted_rand_score(
        partition(exact, len(points)), partition(two_stage, len(points))
    ) == pytest.approx(1.0)


def test_paraphrases_of_one_topic_make_one_theme_not_one_each() -> None:
    """Four topics, each said in three wordings (tight groups of five): the themes are mostly the topics."""
    counts, scores = [], []
    for seed in range(5):
        rng = np.random.default_rng(seed)
        wordings = np.repeat(blobs(rng, 4, 1), 3, axis=0) + 0.6 * blobs(rng, 12, 1)
        points = np.repeat(wordings / np.linalg.norm(wordings, axis=1, keepdims=True), 5, axis=0)
        points += 0.25 * blobs(rng, 60, 1)
        groups = themes.theme_clusters(points, range(len(points)))
        counts.append(len(groups))
        scores.append(adjusted_rand_score(np.repeat(np.arange(4), 15), partition(groups, len(points))))
    assert np.median(counts) == 4 and max(counts) < 12  # never one theme per wording
    assert np.mean(scores) >= 0.85


def test_a_heading_of_more_set_answers_than_its_cut_allows_keeps_each_apart() -> None:
    """Sixteen answers, each repeated by four respondents (a survey's set phrases): the heading's cut allows at most
    √64 = 8 parts, so it merges some; each merged part is cut again where every group of it stands apart (qa301:
    "Mobile app is slow in the cellar — 27 survey respondents", of whom 9 said it)."""
    rng = np.random.default_rng(7)
    points = np.repeat(blobs(rng, 16, 1), 4, axis=0) + 0.05 * blobs(rng, 64, 1)
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    assert len(themes.theme_clusters(points, range(64))) <= 8
    parts = themes.heading_parts(points, range(64))
    assert adjusted_rand_score(np.repeat(np.arange(16), 4), partition(parts, 64)) == pytest.approx(1.0)


def test_one_answer_in_several_set_wordings_stays_one_theme() -> None:
    """Four topics, each in three wordings repeated five times: the wordings are tight groups that stand apart, but
    the fixed distance keeps a topic's wordings together, so a topic is not cut into one theme per wording."""
    for seed in range(5):
        rng = np.random.default_rng(seed)
        wordings = np.repeat(blobs(rng, 4, 1), 3, axis=0) + 0.6 * blobs(rng, 12, 1)
        points = np.repeat(wordings / np.linalg.norm(wordings, axis=1, keepdims=True), 5, axis=0)
        points += 0.25 * blobs(rng, 60, 1)
        for part in themes.theme_clusters(points, range(60)):
            assert len(themes.themes_apart(points, part)) == 1


def test_a_themes_quotes_show_each_wording_before_a_repeat() -> None:
    said = ["The cost, honestly.", "the cost, honestly", "It's not cheap", "The cost, honestly."]
    ranked = [
        Evidence(document=f"s.csv#R{n}", title=f"R{n}", kind="survey_response", speaker="R", start=0,
                 end=len(q), quote=q)
        for n, q in enumerate(said)
    ]  # fmt: skip
    theme = themes.counted_theme("objection", ranked, outcomes={})
    assert [e.quote for e in theme.evidence][:2] == ["The cost, honestly.", "It's not cheap"]
    assert theme.respondents == 4 and len(theme.evidence) == 4  # every source still counts and can be shown


def test_a_themes_outcomes_count_accounts_as_its_known_accounts_do() -> None:
    # qa20: "(28 known accounts); churned 6, won 30" counted respondents beside the accounts
    accounts = ["acme", "acme", "acme", "beta", None]
    ranked = [
        Evidence(document=f"s.csv#R{n}", title=f"R{n}", kind="survey_response", speaker="R", start=0, end=5,
                 quote="Price", account_id=account)
        for n, account in enumerate(accounts)
    ]  # fmt: skip
    outcomes = {
        "s.csv#R0": "won",
        "s.csv#R1": "won",
        "s.csv#R2": "won",
        "s.csv#R3": "churned",
        "s.csv#R4": "won",
    }
    theme = themes.counted_theme("objection", ranked, outcomes=outcomes)
    assert (theme.respondents, theme.accounts) == (5, 2)
    assert theme.by_outcome == {"churned": 1, "won": 2}  # acme once; the unlinked respondent on its own


def test_the_quote_a_label_was_cut_from_leads_the_evidence() -> None:
    said = ["Vendor onboarding was a mess", "too many mistakes, wrong vendors", "Paying vendors internationally",
            "Vendor bank changes by email", "Our clerks were basically human OCR. Also paying vendors internationally"]  # fmt: skip
    ranked = [
        Evidence(document=f"s.csv#R{n % 4}", title=f"R{n % 4}", kind="survey_response", speaker="R", start=n * 100,
                 end=n * 100 + len(q), quote=q)
        for n, q in enumerate(said)
    ]  # fmt: skip
    theme = themes.counted_theme("pain_point", ranked, outcomes={}, label="Paying vendors internationally")
    assert theme.evidence[0].quote == "Vendor onboarding was a mess"
    themes._label_quote_first(theme)
    assert [e.quote for e in theme.evidence] == [
        "Paying vendors internationally", "Vendor onboarding was a mess", "too many mistakes, wrong vendors",
        "Vendor bank changes by email",
    ]  # fmt: skip
    assert len({e.document for e in theme.evidence}) == len(theme.evidence)  # still one quote per source


def test_phrases_are_trimmed_clauses_and_sub_phrases() -> None:
    found = phrases("Honestly, I think the month-end close took twelve days. So we hired a temp.")
    assert {"the month-end close took twelve days", "month-end close", "we hired a temp"} <= set(found)
    assert all(len(p.split()) <= MAX_LABEL_WORDS for p in found)
    assert trim("so, honestly, the cost, I think") == "the cost"
    # qa11: "KnowBe4, obviously" and "If you were cheaper than zero, ha." as labels
    assert trim("KnowBe4, obviously") == "KnowBe4" and trim("Price, for sure.") == "Price"
    assert trim("If you were cheaper than zero, ha.") == "If you were cheaper than zero"
    cut = {p.casefold() for s in ("Honestly no hesitation", "We haven't had a duplicate payment since.",
                                  "Excel and Outlook worked well", "Our vendor count went from 200 to 800",
                                  "You finally see what you owe in real time") for p in phrases(s)}  # fmt: skip
    assert {"no hesitation", "vendor count", "excel and outlook worked well"} <= cut
    assert not {"hesitation", "duplicate payment", "outlook worked", "count went", "owe in real time"} & cut
    # A sub-phrase never starts inside a run of content words, nor ends inside a noun phrase it opened.
    cut = {p.casefold() for s in ("Once from the emailed PDF and once from the paper copy that came later.",
                                  "Some weeks I spent more time fixing sync errors than the tool saved me.",
                                  "The audit committee wanted the AP control gaps closed.")
           for p in phrases(s)}  # fmt: skip
    assert "audit committee" in cut
    assert not {"copy that came later", "fixing sync errors than the tool", "wanted the ap control"} & cut
    # A number's thousands comma is not a clause break ("We went from 400 to 1" is no label).
    found = phrases("Volume went from 400 to 1,200 a month, and we hired.")
    assert "Volume went from 400 to 1,200 a month" in found
    assert not any(p.endswith("to 1") or p.startswith("200") for p in found)


def test_a_label_names_what_several_sources_say_not_what_one_repeats() -> None:
    said = ["The steering committee met on Monday.", "The steering committee met again.",
            "The steering committee met in May.", "Legal review stalled it.", "Legal review took weeks."]  # fmt: skip
    everything = said + [f"Other things were said here {n} times." for n in range(30)]
    assert label_themes([said], everything) == ["Steering committee met"]  # five statements, five sources
    by = [["interview A", "interview A", "interview A", "R1", "R2"]]
    assert label_themes([said], everything, sources=by)[0].startswith("Legal review")


def test_a_label_is_spelt_as_most_people_spell_its_words() -> None:
    said = [
        "opneed three new locations and the bills exploded",
        "opened three new locations and the bills exploded.",
    ]
    everything = said + ["We opened a plant.", "They opened it late.", "Bills piled up.", "Costs rose."] * 3
    assert label_themes([said], everything) == ["Opened three new locations and the bills exploded"]
    assert misspellings(Counter(["opened"] * 3 + ["opneed", "costs", "cost", "cost", "cost"])) == {"opneed"}


def test_a_label_names_no_colleague_only_one_of_its_people_mentions() -> None:
    # qa10/qa11: "The price was a stretch for Deb", "Greer signed", "Kevin mentioned Microsoft has an attack
    # simulator": a name one interviewee says of a colleague is their story, not what the theme's people share.
    said = ["The budget was a stretch for Deb, our plant GM.", "Honestly it was a stretch for Deb.",
            "Our budget was tight that year.", "We had no budget for it."]  # fmt: skip
    everything = said + [f"Other things were said here {n} times." for n in range(30)]
    # one interviewee (a) says the name twice; it was the label ("The budget was a stretch for Deb")
    assert label_themes([said], everything, sources=[["a", "a", "b", "c"]]) == [
        "Our budget was tight that year"
    ]
    # one person's theme may still name their colleague
    assert "Deb" in label_themes([[said[0]]], everything)[0]


def test_sample_theme_labels_are_readable_phrases_from_their_statements(sample_workspace, embedder) -> None:
    workspace, _ = sample_workspace
    report = analyze_workspace(workspace, embedder)
    assert report.themes
    for theme in report.themes:
        assert "·" not in theme.label and 0 < len(theme.label.split()) <= MAX_LABEL_WORDS, theme.label
        label = " ".join(theme.label.casefold().split())  # said verbatim in one of the theme's own statements
        assert any(label in " ".join(m.quote.casefold().split()) for m in theme.members), theme.label
    assert len({t.label.casefold() for t in report.themes}) == len(report.themes)
    for theme in report.themes:  # no word cut out of a phrase: not "Hesitation" from "no hesitation"
        words = theme.label.casefold().split()
        assert words[-1].strip(".,") not in {"of", "to", "from", "the", "a", "and", "for"}, theme.label
    assert_the_page_reads_well(report)
    assert (workspace.path / themes.CODEBOOK_FILE).exists()
    again = analyze_workspace(workspace, embedder)
    assert {(t.theme_id, t.label) for t in again.themes} == {(t.theme_id, t.label) for t in report.themes}


def assert_the_page_reads_well(report: ProfileReport) -> None:
    """Personas differ where their people said different things; no section shows one quote twice."""
    assert len(report.personas) >= 2
    said = [set(p.pains + p.triggers + p.objections + p.evaluation + p.goals) for p in report.personas]
    for n, mine in enumerate(said):
        # a role whose people raise nothing clearly more often than the others (3+ of its sources) says so
        assert mine or report.personas[n].note.startswith("Nothing this role raises"), report.personas[n].name
        for other in said[n + 1 :]:
            assert not mine or mine != other
    profile = report.profile
    sections = [
        [e for c in getattr(profile, name) for e in c.evidence]
        for name, value in profile
        if isinstance(value, list) and value and isinstance(value[0], Criterion)
    ]
    sections.append([q for persona in report.personas for q in persona.quotes])
    for section in sections:
        quotes = [_words(e.quote) for e in section]
        assert len(quotes) == len(set(quotes)), quotes


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def entry(theme_id: str, vector: list[float]) -> CodebookEntry:
    return CodebookEntry(theme_id, f"label {theme_id}", "pain_point", np.asarray(vector, dtype=np.float64))


def test_codebook_matches_one_to_one_above_the_similarity_bar() -> None:
    known = [entry("a", [1, 0, 0]), entry("b", [0, 1, 0])]
    found = np.array([[0.0, 0.99, 0.14], [0.98, 0.2, 0.0], [0.9, 0.0, 0.44], [0.0, 0.0, 1.0]])
    found /= np.linalg.norm(found, axis=1, keepdims=True)
    matched = match_codebook(found, known)
    assert {n: e.theme_id for n, e in matched.items()} == {0: "b", 1: "a"}


def test_a_grown_theme_keeps_its_label_only_while_its_statements_still_say_it() -> None:
    known = [entry("a", [1, 0, 0])]  # remembered label: "label a"
    grown = np.array([[0.7, np.sqrt(1 - 0.49), 0.0]])  # centroid cosine 0.7: below MATCH_SIMILARITY
    assert match_codebook(grown, known) == {}
    said = [["We keep saying LABEL  a here."]]
    assert match_codebook(grown, known, facets=["pain_point"], texts=said)[0].theme_id == "a"
    assert match_codebook(grown, known, facets=["pain_point"], texts=[["something else"]]) == {}
    assert match_codebook(grown, known, facets=["objection"], texts=said) == {}  # another heading


def test_codebook_round_trips_and_a_broken_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "codebook.json"
    assert load_codebook(path) == []
    save_codebook(path, [entry("a", [0.6, 0.8])])
    (loaded,) = load_codebook(path)
    assert (loaded.theme_id, loaded.label, list(loaded.centroid)) == ("a", "label a", [0.6, 0.8])
    assert json.loads(path.read_text(encoding="utf-8"))["themes"][0]["facet"] == "pain_point"
    path.write_text('{"themes": [{"label": "no id"}]}', encoding="utf-8")
    with pytest.raises(CodebookError, match=r"codebook\.json: not a readable theme codebook"):
        load_codebook(path)


def two_pain_themes() -> tuple[list[Unit], np.ndarray, FacetScores]:
    """Six survey answers filed as pains, three of invoices keyed by hand and three of an SSO requirement, with
    vectors in two blobs: two themes, each of three respondents."""
    answers = ["Keying invoices by hand ate our week.", "We keyed every invoice by hand.",
               "Invoices keyed by hand, all day.", "Our SSO requirement slowed the review.",
               "The SSO requirement took weeks.", "Security wanted the SSO requirement met."]  # fmt: skip
    units = customer_units(respondents(answers))
    vectors = blobs(np.random.default_rng(0), 2, 3, dims=16)
    facets = FacetScores(scores=np.zeros((len(units), len(FACETS))), assigned=[["pain_point"]] * len(units))
    return units, vectors, facets


def two_pain_themes_labelled(codebook: Path) -> dict[str, str]:
    """The two pain themes found with this codebook: each theme's id to its label."""
    units, vectors, facets = two_pain_themes()
    return {
        t.theme_id: t.label
        for t in themes.find_themes(units, vectors, facets, outcomes={}, codebook=codebook)
    }


def test_a_remembered_label_cut_by_older_rules_or_no_longer_said_is_cut_again_and_the_id_kept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "codebook.json"

    first = two_pain_themes_labelled(path)
    assert len(first) == 2 and all(e.label_rules == LABEL_RULES_VERSION for e in load_codebook(path))

    # another phrase each theme's statements say: what a remembered label cut under the same rules would be
    said = {i: "The SSO requirement took weeks" if "SSO" in label else "Invoices keyed by hand" for i, label in first.items()}  # fmt: skip

    def remember(labels: dict[str, str], rules: int) -> None:
        save_codebook(path, [CodebookEntry(e.theme_id, labels[e.theme_id], e.facet, e.centroid, rules)
                             for e in load_codebook(path)])  # fmt: skip

    remember(said, 0)  # a codebook written before label_rules existed
    assert two_pain_themes_labelled(path) == first  # same ids, labels cut again under today's rules
    remember(said, LABEL_RULES_VERSION)
    assert two_pain_themes_labelled(path) == said
    remember({i: "Words no statement says" for i in first}, LABEL_RULES_VERSION)
    assert two_pain_themes_labelled(path) == first  # a remembered label its quotes no longer say is cut again


def test_a_label_cut_from_one_sources_words_is_cut_again_once_others_join(tmp_path: Path) -> None:
    # qa236: "And radios", cut from one interview's "Paper board. [laughs] And radios.", stayed the label of the theme
    # 22 respondents' "Paper board", "Whiteboard", "Clipboards…" joined
    path = tmp_path / "codebook.json"

    first = two_pain_themes_labelled(path)
    assert all(e.label_sources == 3 for e in load_codebook(path))
    said = {i: "The SSO requirement took weeks" if "SSO" in label else "Invoices keyed by hand" for i, label in first.items()}  # fmt: skip

    def remember(sources: int) -> None:
        save_codebook(path, [CodebookEntry(e.theme_id, said[e.theme_id], e.facet, e.centroid, LABEL_RULES_VERSION,
                                           e.members, sources) for e in load_codebook(path)])  # fmt: skip

    remember(2)  # cut when two sources raised each theme: kept
    assert two_pain_themes_labelled(path) == said and all(e.label_sources == 2 for e in load_codebook(path))
    remember(1)  # cut from one source's words, and three raise each theme now
    assert two_pain_themes_labelled(path) == first
    # qa273: "I showed them that the phone stopped ringing", cut when two interviews raised the theme, stayed its
    # label when six did: a theme more than doubled since its label was cut is relabelled
    cut_from_two = CodebookEntry("t", "label", "pain_point", np.zeros(2), LABEL_RULES_VERSION, frozenset(), 2)
    assert not themes._label_outgrown(cut_from_two, 4) and themes._label_outgrown(cut_from_two, 5)


def test_a_theme_whose_statements_a_recut_leaves_unthemed_keeps_its_id_and_label(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # theme_stability, seed 0: adding data recut a heading, and four themes whose statements nobody claimed vanished
    units, vectors, facets = two_pain_themes()
    path = tmp_path / "codebook.json"

    def build() -> dict[str, tuple[str, int]]:
        found = themes.find_themes(units, vectors, facets, outcomes={}, codebook=path)
        return {t.theme_id: (t.label, t.respondents) for t in found}

    first = build()
    assert len(first) == 2 and all(len(e.members) == 3 for e in load_codebook(path))
    monkeypatch.setattr(
        themes, "heading_parts", lambda v, under, origin=None, units=None: [[0, 1, 2]]
    )  # SSO left out
    assert build() == first
    monkeypatch.setattr(
        themes, "heading_parts", lambda v, under, origin=None, units=None: [list(under)]
    )  # one theme of all
    assert len(build()) == 1  # claimed by a theme of this build: not carried over besides it


def test_a_statement_keeps_its_theme_when_added_data_recuts_its_heading_under_the_same_analyzer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # five testers (thirty-first session): interviews added to a workspace re-cut the survey's themes, and `diff`
    # showed the counts of answers nobody had changed rising under one theme and falling under another
    units, vectors, facets = two_pain_themes()
    path = tmp_path / "codebook.json"

    def build(analyzer: str) -> list[tuple[str, int]]:
        found = themes.find_themes(units, vectors, facets, outcomes={}, codebook=path, analyzer=analyzer)
        return sorted((t.theme_id, t.respondents) for t in found)

    first = build("offline-1")
    assert [n for _, n in first] == [3, 3]
    monkeypatch.setattr(
        themes, "heading_parts", lambda v, under, origin=None, units=None: [[0, 1, 2, 3], [4, 5]]
    )
    assert build("offline-1") == first  # the SSO answer the recut moved stays with the SSO theme
    monkeypatch.setattr(themes, "heading_parts", lambda v, under, origin=None, units=None: [list(under)])
    assert build("offline-1") == first  # both themes stand while their statements do
    assert [n for _, n in build("offline-2")] == [6]  # another analyzer's cut is its own


def test_a_survey_answer_keeps_its_theme_when_the_survey_is_re_exported_to_another_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # qa289: the old export forgotten and a re-export with a week's new rows ingested, as the tool advises, and
    # answers nobody changed moved between themes ("Tenants texted the property manager's cell 11 → 6")
    units, vectors, facets = two_pain_themes()
    path = tmp_path / "codebook.json"

    def build(units: list[Unit]) -> list[tuple[str, int]]:
        found = themes.find_themes(units, vectors, facets, outcomes={}, codebook=path, analyzer="offline-1")
        return sorted((t.theme_id, t.respondents) for t in found)

    first = build(units)
    re_exported = [replace(u, doc_id=u.doc_id.replace("s.csv#", "s (1).csv#")) for u in units]
    monkeypatch.setattr(
        themes, "heading_parts", lambda v, under, origin=None, units=None: [[0, 1, 2, 3], [4, 5]]
    )
    assert build(re_exported) == first  # the SSO answer the recut moved stays with the SSO theme


def test_a_new_answer_in_the_very_words_of_a_theme_s_answer_joins_that_theme(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # qa298: six new respondents of a re-export wrote "Kept raising prices", the words of the top reason's answers,
    # and the re-cut made two themes of their own beside it (off the page, and `diff` said nothing of it)
    units, vectors, facets = two_pain_themes()
    path = tmp_path / "codebook.json"
    first = themes.find_themes(units, vectors, facets, outcomes={}, codebook=path, analyzer="offline-1")
    assert sorted(t.respondents for t in first) == [3, 3]
    more = customer_units(respondents([u.text for u in units] + ["we keyed every invoice by hand", "SSO!"]))
    grown = FacetScores(scores=np.zeros((len(more), len(FACETS))), assigned=[["pain_point"]] * len(more))
    monkeypatch.setattr(
        themes, "heading_parts", lambda v, under, origin=None, units=None: [[0, 1, 2], [3, 4, 5], [6, 7]]
    )
    again = themes.find_themes(
        more,
        np.vstack([vectors, vectors[:1], vectors[3:4]]),
        grown,
        outcomes={},
        codebook=path,
        analyzer="offline-1",
    )
    counts = {t.theme_id: t.respondents for t in again}
    assert counts == {t.theme_id: 4 if "invoice" in t.label.casefold() else 3 for t in first}, counts


def test_diff_matches_themes_by_id_even_when_relabelled() -> None:
    old = [
        Theme(theme_id="t1", facet="pain_point", label="Slow close", interviews=3, respondents=1, accounts=2)
    ]
    new = [old[0].model_copy(update={"label": "Month-end close", "facet": "goal", "interviews": 5})]
    (change,) = diff_themes(old, new).changes
    assert (change.change, change.value, change.old_value) == ("rose", "Month-end close", "Slow close")
    same = [old[0].model_copy(update={"keyphrases": ["close"]})]
    assert diff_themes(old, same).changes == []


def test_a_lone_statement_is_labelled_by_its_first_clause_that_says_something() -> None:
    # A reason from one churned account is a theme of one statement; spoken answers often open with no content
    # word at all. That opening once raised a KeyError and stopped the whole build.
    everything = [f"Other things were said here {n} times." for n in range(30)]
    assert label_themes([["Honestly? Not much. The per-seat price doubled at renewal."]], everything) == [
        "The per-seat price doubled at renewal"
    ]
    (label,) = label_themes([["Honestly? Not much."]], everything)
    assert label  # nothing to cut: the statement's own first words, never a crash


def test_a_degree_word_alone_is_no_label() -> None:
    members = [
        "A little.",
        "A little, honestly.",
        "A little. The renewal quote was steep.",
        "A little. It was steep.",
    ]
    everything = members + [f"Other things were said here {n} times." for n in range(30)]
    assert label_themes([members], everything) == ["The renewal quote was steep"]


def test_a_bag_of_statements_that_are_not_each_others_neighbours_is_no_theme() -> None:
    rng = np.random.default_rng(5)
    grouped = blobs(rng, 4, 10, dims=64)
    # Four leftover statements, each a loose echo of a different theme: the tree may put them together, but
    # their nearest statements are in those themes, not in each other.
    bag = grouped[[0, 10, 20, 30]] + rng.normal(scale=0.12, size=(4, 64))
    points = np.vstack([grouped, bag / np.linalg.norm(bag, axis=1, keepdims=True)])
    heading = list(range(len(points)))
    groups = [list(range(n * 10, n * 10 + 10)) for n in range(4)]
    bag_of_four = [40, 41, 42, 43]
    assert themes.standing_parts(points, heading, [*groups, bag_of_four]) == groups
    assert themes.standing_parts(points, heading, [[40], heading]) == [[40], heading]  # nothing to judge
    assert themes.standing_parts(points, [], []) == []


def test_a_pair_stands_only_within_the_fixed_distance() -> None:
    # A pair passes the neighbour test whenever one member's nearest statement is the other, so it is judged by
    # the fixed distance instead: two statements about different things are no theme, two close ones are.
    rng = np.random.default_rng(7)
    points = rng.normal(size=(12, 32))
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    near = points[0] + rng.normal(scale=0.1, size=32)
    points = np.vstack([points, near / np.linalg.norm(near)])
    heading = list(range(len(points)))
    far_pair, close_pair = [1, 2], [0, 12]
    assert 1 - points[1] @ points[2] > themes.DISTANCE_THRESHOLD >= 1 - points[0] @ points[12]
    assert themes.standing_parts(points, heading, [far_pair, close_pair]) == [close_pair]


def test_a_heading_the_search_leaves_whole_is_grouped_at_the_fixed_distance(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # New-market smoke corpus: 16 objections from 12 sources, left whole by the search, whose members' nearest
    # statements were pains; the whole heading failed the neighbour test and the page had no objection at all.
    rng = np.random.default_rng(3)
    centres = rng.normal(size=(3, 64))
    pains = np.repeat(centres, 8, axis=0) + rng.normal(scale=0.3, size=(24, 64))
    objections = np.repeat(centres, 3, axis=0) + rng.normal(scale=0.3, size=(9, 64))  # each beside a pain
    vectors = np.vstack([pains, objections])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    units = customer_units(respondents([f"Statement number {n} about things." for n in range(len(vectors))]))
    facets = FacetScores(
        scores=np.zeros((len(units), len(FACETS))), assigned=[["pain_point"]] * 24 + [["objection"]] * 9
    )
    objection_rows = list(range(24, 33))
    whole = themes.standing_parts(vectors, list(range(33)), [objection_rows], origin=vectors.mean(axis=0))
    assert whole == []  # the heading left whole does not stand against everything said
    real = themes.theme_clusters
    monkeypatch.setattr(
        themes,
        "theme_clusters",
        lambda v, m, origin=None: [list(m)] if 24 in m else real(v, m, origin=origin),
    )
    found = themes.find_themes(units, vectors, facets, outcomes={})
    assert (
        sum(t.facet == "objection" for t in found) == 3
    )  # one per pain it sits beside, at the fixed distance


def _talk(said: list[tuple[str, str]]) -> Document:
    """An interview of (speaker, line) pairs in which Owen is the customer."""
    text = "\n".join(line for _, line in said)
    turns = [
        Turn(speaker=who, start=(at := text.index(line)), end=at + len(line), is_customer=who == "Owen")
        for who, line in said
    ]
    return Document(doc_id="i.txt", kind="interview", source="i.txt", title="i", text=text, turns=turns)


def test_a_reason_is_read_with_the_sentence_before_it_in_the_same_answer() -> None:
    said = [("Jordan", "What changed?"), ("Owen", "Lisa left in the autumn. She went to a bigger retailer."),
            ("Jordan", "Anything else?"), ("Owen", "The renewal price rose a lot.")]  # fmt: skip
    units = customer_units([_talk(said)])
    assert [u.text for u in units][1:] == ["She went to a bigger retailer.", "The renewal price rose a lot."]
    vectors = np.eye(3, 4)
    joined, before = themes.in_context(units, vectors)
    assert before == {1: 0}  # not across the interviewer's question
    assert joined[1] == pytest.approx(np.array([1, 1, 0, 0]) / np.sqrt(2))
    assert joined[2] == pytest.approx(vectors[2])
    # qa201: nor with one that only says what was not the matter ("The price was okay." grouped a sync churn with price)
    said = [("Jordan", "Was price a factor?"),
            ("Owen", "Not really by itself. The price was okay. It was that the fitting data didn't work.")]  # fmt: skip
    units = customer_units([_talk(said)])
    assert units[-1].text == "It was that the fitting data didn't work."
    assert themes.in_context(units, np.eye(len(units), 4))[1] == {}


def test_one_account_telling_its_reason_in_several_sentences_is_one_theme() -> None:
    # samples/: Atlas's loss ("the incumbents had a structural advantage", "the path of least resistance",
    # "extending those meant no new vendor") was three one-line themes, each from the same interview.
    def interview(doc_id: str, lines: list[str]) -> Document:
        return asked(doc_id, "Why did you go another way?", lines)

    atlas = [
        "The incumbents had an advantage.",
        "Extending them meant no new vendor.",
        "It is the easy path.",
    ]
    documents = [interview("atlas.txt", atlas), interview("stellar.txt", ["Oracle was cheaper for us."]),
                 interview("summit.txt", ["Oracle was cheaper in the end."])]  # fmt: skip
    units = customer_units(documents)
    vectors = np.vstack([np.eye(8)[:3], np.tile(np.eye(8)[5], (2, 1))])  # Atlas's three lines lie far apart
    facets = FacetScores(scores=np.zeros((len(units), len(FACETS))), assigned=[["loss_reason"]] * len(units))
    found = themes.find_themes(units, vectors, facets, outcomes={})
    assert sorted((len(t.documents), len(t.members)) for t in found) == [(1, 3), (2, 2)]
    (story,) = [t for t in found if t.documents == ["atlas.txt"]]
    assert {e.quote for e in story.members} == set(atlas)


def test_a_reason_that_denies_one_thing_to_say_another_is_grouped_by_what_it_says(
    workspace, embedder
) -> None:
    # qa181: "But it wasn't about price, it was about one system for the city." was grouped with price, and the lost
    # deal's reason was labelled "Price"
    said = ["But it wasn't about price, it was about one system for the city.", "Price was steep for us."]
    assert after_the_correction(said[0]) == "it was about one system for the city."
    assert after_the_correction("Price wasn't the issue, it was the onboarding.") == "it was the onboarding."
    assert after_the_correction("It wasn't cheap, but it paid for itself.") is None  # no thing denied
    assert after_the_correction(said[1]) is None
    text = "\n".join(said)
    turns = [
        Turn(speaker="Denise", start=(at := text.index(s)), end=at + len(s), is_customer=True) for s in said
    ]
    units = customer_units(
        [Document(doc_id="d", kind="interview", source="d", title="d", text=text, turns=turns)]
    )
    vectors = workspace.embed_cached([u.text for u in units], embedder)
    topics = topic_vectors(units, vectors, workspace, embedder)
    assert np.allclose(topics[0], embedder.embed(["it was about one system for the city."])[0])
    assert np.allclose(topics[1], vectors[1])


def test_a_statement_that_points_back_is_labelled_with_what_it_points_to() -> None:
    # qa186: "Harborview put us on a corrective action plan. That's what started the search, honestly." was a trigger
    # labelled "That's what started the search"
    def interview(doc_id: str, line: str) -> Document:
        return asked(doc_id, "What made you start looking?", [line])

    documents = [
        interview(
            "a.txt",
            "Harborview put us on a corrective action plan. That's what started the search, honestly.",
        ),
        interview("b.txt", "We caught the wire before it went out, thank God."),
    ]
    units = customer_units(documents)
    assert units[1].lead.startswith("Harborview")  # the second sentence points back to the first
    vectors = np.eye(8)[: len(units)]
    filed: list[list[str]] = [[], ["trigger"], ["trigger"]]  # the sentence pointed back to is filed nowhere
    facets = FacetScores(scores=np.ones((len(units), len(FACETS))), assigned=filed)
    labels = {t.label for t in themes.find_themes(units, vectors, facets, outcomes={})}
    assert "Harborview put us on a corrective action plan" in labels, labels


def test_a_heading_left_whole_is_a_theme_only_if_it_stands_apart_from_everything_said() -> None:
    rng = np.random.default_rng(7)
    pains = blobs(rng, 3, 4, dims=64)  # three pain themes, four respondents each

    def goals_found(goals: np.ndarray) -> list[Theme]:
        vectors = np.vstack([pains, goals / np.linalg.norm(goals, axis=1, keepdims=True)])
        answers = [f"Answer number {n} from a respondent." for n in range(len(vectors))]
        documents = respondents(answers)
        units = customer_units(documents)
        assigned = [["pain_point"]] * len(pains) + [["goal"]] * len(goals)
        facets = FacetScores(scores=np.zeros((len(units), len(FACETS))), assigned=assigned)
        found = themes.find_themes(units, vectors, facets, outcomes={})
        assert sum(t.facet == "pain_point" for t in found) == 3
        return [t for t in found if t.facet == "goal"]

    # Three goals, each an echo of a different pain: as a group they say nothing in common.
    assert goals_found(pains[[0, 4, 8]] + rng.normal(scale=0.1, size=(3, 64))) == []
    # Three goals that say one thing: one theme.
    one = rng.normal(size=64)
    assert len(goals_found(one + rng.normal(scale=0.1, size=(3, 64)))) == 1
    # Seven goals, two of which say one thing: too few for the silhouette search, so they are grouped at the
    # fixed distance, and only the two that say one thing make a theme.
    aims = rng.normal(size=(6, 64))
    seven = np.vstack([aims[0] + rng.normal(scale=0.1, size=(2, 64)), aims[1:]])
    (theme,) = goals_found(seven)
    assert len(theme.documents) == 2


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_the_silhouette_of_each_cut_is_sklearns_to_the_last_bit(dtype: type) -> None:
    """The cut search's own silhouette (reusing the clusters a cut keeps) gives exactly sklearn's floats, so the
    cut chosen, and the themes, are the same."""
    points = blobs(np.random.default_rng(5), 12, 40).astype(dtype)
    points[:3] = np.random.default_rng(6).normal(size=(3, points.shape[1]))  # outliers: clusters of one
    points = themes._unit(points)
    tree = linkage(points, method="average", metric="cosine")
    distances = np.clip(1.0 - points @ points.T, 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    silhouettes = themes.CutSilhouettes(distances)
    for k in [*range(2, 30), 35, 40, 60, 90]:  # successive cuts, then cuts further apart
        labels = fcluster(tree, k, criterion="maxclust")
        assert silhouettes.score(labels) == float(silhouette_score(distances, labels, metric="precomputed"))


def test_between_themes_raised_as_often_the_one_customers_said_more_about_comes_first() -> None:
    # Churn reasons raised by one interview each: the one told in three sentences leads the one-liner, whatever
    # their names (the profile shows a section's first few, so a tie broken by name hid a real reason).
    def reason(label: str, said: int) -> Theme:
        where = {"document": "exit.txt", "title": "exit", "kind": "interview", "speaker": "Lisa"}
        quotes = [Evidence(**where, start=n * 10, end=n * 10 + 2, quote=f"q{n}") for n in range(said)]
        return Theme(
            theme_id=label, facet="churn_reason", label=label, interviews=1, respondents=0, accounts=1,
            members=quotes, evidence=quotes[:1],
        )  # fmt: skip

    wider = Theme(theme_id="w", facet="churn_reason", label="Zz", interviews=2, respondents=0, accounts=2)
    ordered = sorted(
        [reason("A passing remark", 1), reason("Renewal quote", 3), wider], key=themes.reach_order
    )
    assert [t.label for t in ordered] == ["Zz", "Renewal quote", "A passing remark"]


def test_where_nothing_under_a_heading_recurs_each_interview_shows_what_it_said_most_surely_once() -> None:
    # qa38: four interviews each told their trigger (a new CFO, an audit finding, a move to SAP, a duplicate
    # payment), none twice, and the page said no buying trigger was raised
    said = [
        ("a.txt", "The real trigger was our new CFO."), ("a.txt", "And he wanted a monthly report on it."),
        ("b.txt", "The audit finding plus our new general counsel."), ("c.txt", "We were moving to SAP that year."),
    ]  # fmt: skip
    documents = [
        Document(doc_id=doc, kind="interview", source=doc, title=doc, text=text,
                 turns=[Turn(speaker="Customer", start=0, end=len(text), is_customer=True)])
        for doc, text in said
    ]  # fmt: skip
    units = customer_units(documents)
    vectors = np.eye(len(units), 8)  # nothing alike
    scores = np.zeros((len(units), len(FACETS)))
    scores[:, FACETS.index("trigger")] = [0.97, 0.85, 0.73, 0.78]
    facets = FacetScores(scores=scores, assigned=[["trigger"]] * len(units))
    found = themes.find_themes(units, vectors, facets, outcomes={})
    assert sorted((t.documents[0], t.interviews) for t in found) == [("a.txt", 1), ("b.txt", 1), ("c.txt", 1)]
    assert next(t for t in found if t.documents == ["a.txt"]).members[0].quote.startswith("The real trigger")
    # the same from survey respondents stays unshown: one line of a form each
    answers = respondents([text for _, text in said])
    assert themes.find_themes(customer_units(answers), vectors, facets, outcomes={}) == []


def test_a_reason_to_leave_is_named_by_what_the_story_turns_to_never_the_praise_before():
    # qa149: "Turn times came down. But then … our volume fell off a cliff" was labelled "Turn times came down", a
    # lost deal's security hold "Carl's team preferred it"
    from icp_assist.analyze.facets import told_after_the_turn

    said = "Turn times came down. But then rates went up in '22 and our volume fell off a cliff."
    assert told_after_the_turn(said) == "then rates went up in '22 and our volume fell off a cliff."
    assert (
        told_after_the_turn("Carl's team preferred it. The rotation rules were the best of the three.") == ""
    )
    said = (
        "Price. CropPilot was about forty percent cheaper for our size."  # a rival's price is no praise of us
    )
    assert told_after_the_turn(said) == said
    said = "We preferred it but Victor would not approve without the Type Two."
    assert told_after_the_turn(said) == "Victor would not approve without the Type Two."


def test_a_part_closer_in_meaning_than_chance_or_sharing_a_word_stands_and_a_bag_of_unrelated_ones_does_not(
    embedder,
) -> None:
    # qa162: "Daughter Amber", a trigger theme of three statements that share nothing, each from its own interview
    said = [
        # a real trigger, told by three
        "Our auditors flagged inventory controls as a material weakness.",
        "The auditors wrote up our inventory counts as a control weakness.",
        "An audit finding on inventory control is what started it.",
        # a bag the tree put together
        "That and my daughter Amber.",
        "Karen told me to go find something and bring her two options.",
        "And we hired a second salesperson, Kevin, in 2023, and he had no way to know what was on the yard.",
        # far apart in meaning, but two of them say the same thing in other words
        "We talked about just hiring another coordinator instead.",
        "Mark wanted to hire a person, that was the alternative.",
        "Keeping the consultant and adding more visits was the other option.",
        # the rest of the heading
        "Our old server died in the middle of harvest.",
        "The bank asked for monthly inventory reports as a loan covenant.",
        "We lost an export order because we could not show the grades.",
        "Our biggest distributor started asking for tally sheets.",
        "The owner came back from a trade show with a brochure.",
        "We opened a second yard across the river.",
    ]
    units = customer_units(respondents(said))
    vectors = embedder.embed([u.text for u in units])
    heading = list(range(len(units)))
    real, bag, worded = [0, 1, 2], [3, 4, 5], [6, 7, 8]
    assert themes.beyond_chance(units, vectors, heading, [real, bag, worded, [9], [10, 11]]) == [
        real,
        worded,
        [9],
        [10, 11],
    ]


def test_a_word_two_of_five_sources_share_does_not_make_a_theme_of_unrelated_triggers() -> None:
    # qa191: "Opening the second clinic — 5 interviews", five different triggers held together because two of them
    # said "time" ("at the same time", "great timing"); a word most of a part's sources say still holds one
    said = [
        "Deb leaving was the trigger.",
        "The end-of-support letter came the same week the server fan died, great timing.",
        "That was a really bad month.",
        "Opening the second clinic, the front desk double-booked me at both locations at the same time.",
        "Losing two PTs in one quarter.",
        # three of four sources name the audit
        "The audit pulled twenty charts.",
        "We failed the payer audit on documentation.",
        "After the audit we had to change.",
        "Our managing partner said fix the charting.",
    ]
    units = customer_units(respondents(said))
    assert len(units) == len(said)
    bag, audit = [0, 1, 2, 3, 4], [5, 6, 7, 8]
    assert not themes._said_by_half(units, bag)
    assert themes._said_by_half(units, audit)
    # two of four sources sharing a word are half of them
    assert themes._said_by_half(units, [1, 3, 5, 6])


def test_a_word_said_all_over_the_heading_does_not_make_a_theme_of_different_troubles() -> None:
    # qa296: "Selling a lane", the summary's top pain, held eight statements of three interviews about check calls,
    # a fake carrier and double entry, because each interview said "people" once, as the heading says it all over
    troubles = [
        "Our people spent all afternoon on check calls. Shippers rang nonstop. Trucks went dark for hours.",
        "A fake carrier took a load and our people never caught it. The claim took months. Insurance balked.",
        "People typed every load three times. Margins were invisible. Invoices went out late.",
    ]
    elsewhere = [
        f"Our people {thing}." for thing in ("waited on invoices", "chased PODs", "lost track of lanes")
    ] + [f"The {thing} was slow and our people hated it." for thing in ("load board", "billing", "factoring")]
    fraud = [
        "A fraud incident cost us a load.",
        "Double brokering fraud hit us twice.",
        "After the fraud we changed.",
    ]
    units = customer_units(respondents(troubles + elsewhere + fraud))
    assert len(units) == 9 + 6 + 3
    heading = list(range(len(units)))
    bag, theme = list(range(9)), [15, 16, 17]
    assert themes._said_by_half(units, bag)  # each of its three sources says "people" ...
    assert not themes._said_by_half(units, bag, heading)  # ... in one statement of three, as the heading does
    assert themes._said_by_half(units, theme, heading)  # "fraud", what each of its statements says


def test_two_accounts_different_reasons_grouped_at_the_fixed_distance_are_each_its_own_story(
    embedder,
) -> None:
    # qa296: a small shop's price churn and an acquisition, "I looked at the renewal quote and said", one churn line of
    # two accounts; a reason several sources give in the same words still stands
    pine = "We had a slow quarter, volumes were down, and I looked at the renewal quote and said, I can't justify it."
    said = [
        ("pine", pine),
        (
            "hart",
            "I argued to keep it for our team for a while but it was a corporate decision, their CIO made the call.",
        ),
        ("pine", "Cost, mostly. For eight of us it was just too much."),
        ("pine", "I was paying for a lot of stuff we never touched, the carrier matching, the analytics."),
        ("pine", "The per-seat price was fine for a big shop but we do maybe thirty loads a day total."),
        (
            "hart",
            "We got acquired. Keystone Logistics bought Hartline last summer, and Keystone runs everything on McLeod.",
        ),
        ("hart", "So corporate said everybody consolidates on McLeod."),
        ("hart", "One system, one set of reports."),
        ("pine", f"{pine} It was the biggest software line on my P&L."),
    ] + [(f"s#R{n}", "cancelled, budget") for n in range(5)]
    units = [
        Unit(doc_id=doc, title=doc, kind="interview", speaker="c", account_id=None, start=0, end=len(text), text=text)
        for doc, text in said
    ]  # fmt: skip
    vectors = embedder.embed([text for _, text in said])
    heading = list(range(len(units)))
    assert [0, 1, 8] in themes.cluster_members(vectors, heading)  # the fixed distance groups them ...
    parts = themes.shared_reasons(units, vectors, heading)
    assert [0, 1, 8] not in parts and [1] in parts  # ... but they hold together no more than chance would
    assert list(range(9, 14)) in parts  # "cancelled, budget", five respondents
    stories = themes.one_story_per_source(units, parts)
    assert sorted(next(s for s in stories if 1 in s)) == [1, 5, 6, 7]  # the acquisition, Hartline's own story


def test_one_account_s_story_of_why_it_went_is_named_by_the_reason_it_led_with() -> None:
    # qa296: "Price. Tai came in about thirty percent cheaper per seat, and they bundled the accounting module, so we
    # didn't need a separate QuickBooks workflow." was labelled by the side remark at its end
    def said(text: str, question: str, doc: str = "bluewater.docx") -> Unit:
        return Unit(doc_id=doc, title=doc, kind="interview", speaker="c", account_id=None, start=0, end=len(text),
                    text=text, question=question)  # fmt: skip

    why = "So why did you go with Tai in the end?"
    story = [
        said("We looked at three tools.", "How did the evaluation go?"),
        said(
            "Price. Tai came in about thirty percent cheaper per seat, and they bundled the accounting module.",
            why,
        ),
    ]
    assert themes._headline(story, [0, 1]) == "Price"
    assert themes._headline([said("Cost, mostly. For eight of us it was just too much.", why)], [0]) == "Cost"
    assert themes._headline([said("And the cost. We never used half of it.", why)], [0]) == "The cost"
    # a clause, a denial or nothing said is no headline, nor is an answer to another question, nor two accounts' story
    # (nor a who, the reason told after it: "Our CIO.", qa306: a loss reason so labelled)
    for text in (
        "We left. It was a mess.",
        "No. It was the sync.",
        "Honestly? Yeah.",
        "Our CIO. He wanted one vendor.",
    ):
        assert themes._headline([said(text, why)], [0]) is None, text
    assert themes._headline([said("Price. It was too much.", "What do you like about it?")], [0]) is None
    assert themes._headline([said("Price.", why), said("Price.", why, "other.txt")], [0, 1]) is None


def test_an_interview_led_part_is_told_apart_by_meaning_and_joined_by_a_word_its_sources_share(
    embedder,
) -> None:
    # qa304: "A barre and yoga studio" (a trigger of 7 interviews) held two new studios, a new operations hire and a
    # processor outage under one label: the heading's cut allows √N parts and interview sentences are loose
    said = [
        "We were opening a second studio across town.",
        "We opened a third location in the spring.",
        "I told the owners that if we open another site on this setup I quit.",
        "I got hired as the new operations director last year.",
        "I joined from a big chain to run operations.",
        "Our card processor went down on billing day.",
    ]
    units = [
        Unit(doc_id=f"d{i}", title="t", kind="interview", speaker="c", account_id=None, start=0, end=len(text),
             text=text, question=None)
        for i, text in enumerate(said)
    ]  # fmt: skip
    vectors = embedder.embed(said)
    groups = themes.told_apart(units, vectors, range(6), themes.HeadingWords(units, range(6)))
    assert sorted(map(sorted, groups)) == [
        [0, 1, 2],
        [3, 4],
        [5],
    ]  # "open" joins the third opening to the others
    # survey answers are left to the heading's cut (set answers repeated word for word stand apart there)
    answers = [replace(u, kind="survey_response") for u in units]
    assert themes.told_apart(answers, vectors, range(6), themes.HeadingWords(answers, range(6))) == [
        list(range(6))
    ]


def test_a_survey_theme_of_several_kinds_of_answer_shows_each_point_with_its_own_count(embedder) -> None:
    # qa307: "Support answers are slow on weekends — 24 survey respondents" held six support answers beside internet
    # outages, lag and the mobile app; the heading's cut keeps the theme whole, and its points say what each said
    said = [
        "Support answers are slow on weekends",
        "Support answers are slow on weekends",
        "support is slow to answer on the weekend",
        "When the internet drops we're stuck",
        "Internet goes down in a storm and we're stuck on paper",
        "internet outages, we're stuck",
        "Mobile app logs me out constantly",
        "the mobile app logs me out",
        "Can't customize the invoice layout much",
    ]
    units = [
        Unit(doc_id=f"r{i}", title="t", kind="survey_response", speaker="c", account_id=None, start=0, end=len(text),
             text=text, question="What should we improve?")
        for i, text in enumerate(said)
    ]  # fmt: skip
    vectors = embedder.embed(said)
    cluster = list(range(len(said)))
    theme = themes.counted_theme("complaint", [u.evidence() for u in units], outcomes={})
    theme.label = "Support answers are slow on weekends"
    themes._add_points(units, vectors, [theme], [cluster], {"complaint": cluster}, said, {})
    support = next(p for p in theme.points if p.label == theme.label)  # the point that says the theme's label
    assert sorted(support.documents) == ["r0", "r1", "r2"]
    assert sorted(p.respondents for p in theme.points) == [2, 3, 3]  # the invoice answer alone is no point
    assert len({d for p in theme.points for d in p.documents}) == 8  # no answer in two points
    for point in theme.points:
        assert (
            point.label.casefold() in point.evidence[0].quote.casefold()
        )  # each quote says its point's label
        assert {point.evidence[0].document} <= set(point.documents)
    labels = {p.label for p in theme.points}
    assert any("internet" in label.casefold() for label in labels)
    assert any("mobile app" in label.casefold() for label in labels)
    # an interview-led theme is told apart before it is one (told_apart), so it has no points
    spoken = [replace(u, kind="interview") for u in units]
    theme.points = []
    themes._add_points(spoken, vectors, [theme], [cluster], {"complaint": cluster}, said, {})
    assert theme.points == []


def test_a_build_that_carries_remembered_themes_over_reads_each_heading_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # qa314, qa315: a second build whose codebook carried themes over crashed (KeyError) on a survey theme of several
    # points: the carried themes' loop took the name of the heading's statements, so the heading read was the last
    # carried theme's (and so were the words every label is weighed against)
    units, vectors, facets = two_pain_themes()
    path = tmp_path / "codebook.json"
    monkeypatch.setattr(
        themes, "heading_parts", lambda v, under, origin=None, units=None, market=None: [[0, 1, 2], [3, 4, 5]]
    )
    first = themes.find_themes(units, vectors, facets, outcomes={}, codebook=path)
    texts = [u.text for u in units]
    more = customer_units(respondents(texts + texts[1:3] + [texts[3], texts[5]]))
    grown = FacetScores(scores=np.zeros((len(more), len(FACETS))), assigned=[["pain_point"]] * len(more))
    monkeypatch.setattr(
        themes, "heading_parts", lambda v, under, origin=None, units=None, market=None: [[6, 7, 8, 9]]
    )
    monkeypatch.setattr(themes, "beyond_chance", lambda units, vectors, under, parts: parts)
    found = themes.find_themes(
        more, np.vstack([vectors, vectors[1:3], vectors[[3, 5]]]), grown, outcomes={}, codebook=path
    )
    carried = {t.theme_id for t in first}
    assert carried < {t.theme_id for t in found}  # the remembered themes stand beside the new one
    (new,) = [t for t in found if t.theme_id not in carried]
    assert sorted(p.respondents for p in new.points) == [2, 2]  # invoices keyed by hand, the SSO requirement


def test_a_quote_whose_speaker_says_they_do_not_know_never_leads_a_theme() -> None:
    # qa317: the page's top trigger, "as in “I think it was the complaints from the office park tenants but I'm not
    # sure, I started after”", though other sources said it plainly
    def said(doc: str, text: str) -> Evidence:
        return Evidence(
            document=doc, title=doc, kind="survey_response", speaker=doc, start=0, end=len(text), quote=text
        )

    unsure = said(
        "r1", "I think it was the complaints from the office park tenants but I'm not sure, I started after"
    )
    plain = said("r2", "Complaints from the office park tenants, two of them threatened to leave")
    other = said("r3", "The tenants kept complaining about the restrooms")
    theme = themes.counted_theme("trigger", [unsure, plain, other], outcomes={})
    assert [e.document for e in theme.evidence] == ["r2", "r3", "r1"]  # all shown, the unsure one last
    theme.label = "Complaints from the office park tenants"
    theme.evidence = [other, unsure]
    themes._label_quote_first(theme)
    assert theme.evidence[0] is plain  # the label said plainly leads, not the hearsay that says it too


def test_an_answer_told_in_two_sentences_grouped_apart_is_one_theme():
    # qa321: "Audit readiness. Paper binders were a liability." and "e-binders. We were terrified of our next FDA
    # inspection": each sentence grouped apart, two reasons for choosing it of the same 11 respondents
    asked = "Why did you choose us?"

    def said(doc: str, text: str) -> Unit:
        return Unit(doc_id=doc, title="t", kind="survey_response", speaker="R", account_id=None, start=0,
                    end=len(text), text=text, question=asked)  # fmt: skip

    units = []
    for r in range(4):
        units += [said(f"s#R{r}", "Audit readiness."), said(f"s#R{r}", "Paper binders were a liability.")]
    units += [said("s#R8", "Price."), said("s#R9", "Price."), said("s#R9", "Cheap, too.")]
    parts = [[0, 3, 4, 7], [1, 2, 5, 6], [8, 9], [10]]
    assert themes.one_answer_told_once(units, parts) == [list(range(8)), [8, 9], [10]]
    # answers some of which the other part does not hold are other answers, and an interview's parts are as found
    assert themes.one_answer_told_once(units, [[0, 2, 9], [1, 3, 8]]) == [[0, 2, 9], [1, 3, 8]]
    spoken = [replace(u, kind="interview") for u in units]
    assert themes.one_answer_told_once(spoken, parts) == parts


def test_a_quote_never_shows_the_sentence_another_theme_of_its_heading_holds():
    # qa322: "The trust side, um, our bookkeeper Deb would print the bank statement…" quoted under two pains, once as
    # the lead of the sentence after it
    text = "Dr. Kim, she's the owner. She approved it and signed."

    def said(start: int, end: int, lead: str = "") -> Unit:
        return Unit(doc_id="kim.vtt", title="t", kind="interview", speaker="Ana", account_id="A1", start=start,
                    end=end, text=text[start:end], lead=lead)  # fmt: skip

    owner, signed = said(0, 25), said(26, len(text), lead=text[:26])
    units = [owner, signed]
    assert signed.evidence().quote == text  # read with the sentence it points back to
    found = [themes.counted_theme("decision_maker", [u.evidence()], outcomes={}) for u in units]
    themes.without_others_leads(units, [[0], [1]], found)
    assert [e.quote for t in found for e in t.evidence] == [
        "Dr. Kim, she's the owner.",
        "She approved it and signed.",
    ]
    assert found[1].members[0].quote == text  # the members (and the ids drawn from them) stay
    alone = [themes.counted_theme("decision_maker", [signed.evidence()], outcomes={})]
    themes.without_others_leads(units, [[1]], alone)
    assert alone[0].evidence[0].quote == text  # a lead no other theme holds stays
