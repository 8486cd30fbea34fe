"""Slips of the keys read as the word meant, for grouping statements (analyze/spelling.py)."""

from icp_assist.analyze.spelling import spelt_as_meant, words_meant

KNOWN = frozenset(
    {"carrier", "career", "vetting", "paper", "excel", "open", "long", "price", "the", "was", "slow"}
)


def test_a_slip_is_read_as_the_one_word_the_statements_use_more_often():
    # qa296: "carier vetting", typed by the re-export's new rows, made a theme of its own beside "carrier vetting"
    said = ["Carrier vetting.", "The carrier vetting was slow.", "carrier vetting", "carier vetting"]
    meant = words_meant(said, KNOWN)
    assert meant == {"carier": "carrier"}  # not "career", which no one said
    assert spelt_as_meant("Carier vetting", meant) == "Carrier vetting"
    assert spelt_as_meant("CARIER", meant) == "CARRIER"


def test_a_short_word_is_read_as_another_only_when_it_lost_a_letter():
    # qa297: "Papr" and "Excl", alternatives of their own beside "Paper" and "Excel"; but "opex" is no slip of "open"
    said = [
        "Paper",
        "paper",
        "papr",
        "Excel",
        "excel",
        "excl",
        "open",
        "open",
        "opex",
        "long",
        "long",
        "pong",
    ]
    assert words_meant(said, KNOWN) == {"papr": "paper", "excl": "excel"}


def test_a_name_or_a_short_form_is_left_as_written():
    # "SaaS" and "SAML" are no slips of "says" and "same"; a rival named inside a sentence is its name
    known = frozenset({"says", "same", "cart"})
    said = ["He says so.", "The same again.", "We said the same.", "SaaS pricing", "SAML login", "We weighed Carta too.",
            "carta", "cart", "cart"]  # fmt: skip
    assert words_meant(said, known) == {}


def test_two_words_as_likely_or_a_common_spelling_leave_the_word_as_written():
    # "xable" is one edit from "cable" and "table", said as often: no telling which was meant
    known = frozenset({"cable", "table"})
    assert words_meant(["cable", "cable", "table", "table", "xable"], known) == {}
    assert words_meant(["cable", "cable", "table", "xable"], known) == {"xable": "cable"}
    # a spelling several people share is theirs unless the word it could mean is three times as common
    assert words_meant(["carier"] * 3 + ["carrier"] * 4, KNOWN) == {}
    assert words_meant(["carier"] * 3 + ["carrier"] * 9, KNOWN) == {"carier": "carrier"}


def test_statements_are_grouped_by_the_words_meant_and_quoted_as_written(workspace, embedder):
    # the topic vectors themes are grouped by read "papr" as "paper"; the unit keeps its words
    import numpy as np

    from icp_assist.analyze import topic_vectors
    from icp_assist.analyze.units import Unit

    said = ["Paper.", "Paper, mostly.", "We used paper.", "Papr."]
    units = [
        Unit(doc_id=f"s.csv#R{n}", title=f"R{n}", kind="survey_response", speaker=f"R{n}", account_id=None,
             start=0, end=len(text), text=text)
        for n, text in enumerate(said)
    ]  # fmt: skip
    vectors = workspace.embed_cached(said, embedder)
    grouped = topic_vectors(units, vectors, workspace, embedder)
    assert np.allclose(grouped[3], workspace.embed_cached(["Paper."], embedder)[0], atol=1e-5)
    assert np.allclose(grouped[:3], vectors[:3]) and units[3].text == "Papr."
