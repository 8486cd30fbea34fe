"""`icp-assist ask`: answer a question from customers' own words, offline, with verbatim citations.

Retrieval runs over customer statements only (interview customer sentences and survey answers, as
``customer_units`` cuts them). Every statement that passes the user's filters is ranked; five rankings
are fused with reciprocal-rank fusion:

- sentence: cosine of the question's embedding to the statement's (statement vectors come from
  ``Workspace.embed_cached``, so a built or asked workspace never embeds a statement twice);
- turn and window: cosine to the mean vector of the statement's turn, and of its turn with the turns
  either side, since the evidence is often a stretch of discussion rather than one sentence;
- keyword: BM25 of the question over turns, for names and exact terms;
- facet: when the question asks about one part of buying ("why did they buy" → triggers and pains,
  "what made them start looking" → triggers, "who signs off" → decision makers), each statement's score
  for those facets from ``classify``.

An intent only re-ranks: a question about leaving ranks statements of churned (or lost) accounts first
but filters nothing away, and so does a question naming a role ("What do CFOs worry about?") or a speaker
("Why did Dana pick us?", "Why did Marketing propose lemon?"), whose statements are ranked first; only
``filters`` (account, kind, outcome, role, segment, size band) filter.
Citations take one statement per document, then per stretch of turns, before second ones, and never
the same quote twice (nor a quote said again inside a longer one). The Chroma collection is not queried:
it holds whole turns, while every customer sentence is already in the statement index with exact offsets.

The answer is extractive: the relevant statements (close to the question, or of the facet it asks
about) are clustered (for "who signs off / champions …", grouped by the decision act a titled person does
in them, as the buying committee is), and the answer lists the clusters raised by the most distinct sources with their
counts out of the sources searched. Relevance decides only the verdict: when fewer than ``MIN_SOURCES``
distinct sources are relevant, the answer says the evidence is thin (and still cites the closest quotes).
"""

from __future__ import annotations

import bisect
import difflib
import hashlib
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from typing import Any, get_args

import numpy as np
from pydantic import BaseModel, Field
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from . import ask_index
from .analyze import ANALYZER_VERSION, classified_statements, is_verbatim, reasons_alike
from .analyze.committee import ACT_WORDS, PART_WORDS, ActReader, DecisionAct, acts_in_buying, acts_told
from .analyze.competitors import MIN_SOURCES as NAMED_IN
from .analyze.competitors import (
    asks_what_was_used_before,
    name_pattern,
    named_competitors,
    names_products,
    status_quo_ticked,
    weighed_names,
)
from .analyze.facets import (
    ASKS_FOR_A_COMPLAINT,
    FacetScores,
    asks_about_first_buying,
    asks_for_a_complaint,
    asks_of_the_time_before,
    denies_the_question,
    describes_the_organisation,
    introduces_self,
    not_why_it_went,
    says_it_is_beside_the_point,
    says_nothing,
    tells_who_they_are,
    told_after_the_turn,
    trained_model,
)
from .analyze.labels import label_themes
from .analyze.product import own_product_named, read_as_us
from .analyze.signals import (
    EMPLOYEE_BAND_LABELS,
    follows_the_sale,
    in_measure_band,
    is_person_or_id,
    says_where_it_stands,
)
from .analyze.themes import REASON_FACETS, cluster_members, theme_centroids
from .analyze.titles import ROLE_FAMILY, document_role, find_titles, role_title, speaker_roles
from .analyze.units import FUNCTION_WORDS, Unit, wording
from .embed import Embedder
from .embed_onnx import vocabulary_words
from .errors import ConfigError, StoreError
from .ingest.columns import normalise_header
from .ingest.linking import account_key, written_key
from .ingest.speakers import CUSTOMER_LABELS, normalise_name
from .models import FACETS, DecisionRole, Evidence, Facet
from .privacy.detect import is_person_name
from .profile import recorded_reasons
from .records import Account, Document, Outcome
from .store import Workspace

FILTER_KEYS = ("account_id", "kind", "outcome", "region", "role", "segment", "size")
# filters on what people wrote themselves: a value may hold a comma of its own, and matches the values holding
# its words ("segment=Logistics" is "Logistics & Transportation" too); a region is matched whole ("region=Ireland" is
# no "Northern Ireland")
WORDED_FILTERS = ("segment", "role")
SIMILARITY = 0.42  # a statement this close to the question speaks to it (calibrated on samples)
# A question asking what a group cares about, whatever the topic ("What do billing managers care about?").
_ASKS_WHAT_THEY_CARE_ABOUT = re.compile(
    r"\b(care|cares|caring|worr(y|ies|ied)|think|thinks|want|wants|need|needs|value|values|say|said|says|like|"
    r"struggle|struggles|matters?|prioriti[sz]e)\b",
    re.IGNORECASE,
)
MIN_SOURCES = 3  # fewer relevant distinct sources than this, and the evidence is thin
RRF_K = 60  # reciprocal-rank fusion constant (Cormack et al. 2009)
# Weights of the sentence, turn, window, keyword (BM25) and facet rankings in the fusion. Turn and window
# weigh double (set on the QMSum why-questions of the train and validation meetings, benchmarks/ask_tune.py;
# the test meetings only measure it); the facet ranking, when the question has an intent, weighs as much as
# the four others together (set on samples with benchmarks/ask_quality.py).
WEIGHTS = {"sentence": 1.0, "turn": 2.0, "window": 2.0, "keyword": 1.0, "facet": 6.0}
MIN_FACET_STATEMENTS = 1  # the facet ranking counts only when a candidate is of the facet (else it is noise)
OUTCOME_WEIGHT = 4.0  # statements of the outcome an intent is about get this weight's rank-1 share
BM25_K1, BM25_B = 1.2, 0.75  # the usual BM25 constants (Robertson & Zaragoza 2009)
STRETCH = 1  # turns either side of a cited turn that are its stretch of discussion, cited once before seconds
DUPLICATE = 0.95  # cosine at which two statements are the same quote said twice
SAID_AGAIN = (
    0.5  # a quote inside another that is at least this share of its words is the same quote (not tuned)
)
# Two quotes whose characters agree this much are one quote typed twice: a slip changes a letter or two in twenty
# (0.9 allows two), while two people's different sentences share far less (not tuned).
RETYPED = 0.9
POOL = 40  # the best-ranked relevant statements that are clustered into the answer's themes
CLUSTER_DISTANCE = 0.6  # cosine distance at which answer clusters stop merging
MAX_THEMES = 4


@dataclass(frozen=True)
class Intent:
    """What a question asks about: the facets to favour and the outcomes it is about."""

    name: str
    facets: tuple[Facet, ...]
    outcomes: tuple[str, ...] = ()
    # outcomes whose accounts' statements lead, though the question is not about them alone: why customers bought
    # is best told by those who stayed (qa115, qa117: a churned account's "It wasn't about Levyline" and "Our lead
    # investor pushed us" led "why did customers buy?")
    prefer: tuple[str, ...] = ()


# First match wins: "what nearly stopped you from buying" is about objections, not about buying.
_INTENTS: tuple[tuple[str, Intent], ...] = (
    (r"churn|cancel|leav(e|es|ing)\b|left|didn'?t renew|not renew|stop(ped)? using", Intent("churn", ("churn_reason",), ("churned",))),
    (r"\blos[te]\b|\blosing\b|\bloss\b|didn'?t buy|not buy|walk(ed)? away", Intent("loss", ("loss_reason",), ("lost",))),
    # a "who" question about any act the committee reads (see _ASKED_ACTS): signs, approves, drives, evaluates, blocks
    (r"who\b.*\b(sign|decid|approv|buy|involv|champion|drove|drive|ran|run|led|lead|sponsor|evaluat|review|vet|block|stall|slow|veto|stop|held up|push(ed)? back)|sign(s|ed)? off|decision|approv|budget|"
     # a yes/no question about someone's part ("Did the owner sign?", "Was IT involved?")
     r"^\s*(did|does|do|was|were|is|are|has|have|had)\b.*\b(sign|approv|decid|veto|block|involv|champion|evaluat)", Intent("decision", ("decision_maker",))),
    (r"nearly|almost|stop(ped)?|objection|hesita|concern|worr|hold .* back|push ?back", Intent("objection", ("objection",))),
    # the problems customers had before it are pains, not the products they had ("What problems did customers have
    # before DockPilot?", qa148: answered with the rivals they weighed), and none of today's complaints
    (r"^(?!.*(start(ed|ing|s)? (looking|searching|to (look|search)|the (search|hunt))|trigger))\W*(what|which)\b[^?]*\b(problems?|pains?|struggles?|"
     r"challenges?|frustrations?)\b[^?]*\bbefore\b", Intent("pain", ("pain_point",))),
    # "before" only as what customers did before buying ("doing before they had X", "use before"), not any earlier
    # time ("what marketing said before")
    (r"instead|alternative|\bbefore (they|we|you|us|buying|switching|signing|having|using|moving)\b|\b(use|used|using|run|ran|had|have)\b.*\bbefore\b|competitor|compare|other (tools|vendors|options)|used to", Intent("alternative", ("alternative",))),
    # (the search or the hunt started, or what made them look: "What started the search for a CTMS?", qa321: "no
    # customer statement says 'started'")
    (r"start(ed|ing|s)? (looking|searching|to (look|search|shop)|the (search|hunt|evaluation|process|project|conversation))|"
     r"\b(what|which)\b[^?]*\b(made|led|drove|pushed|caused|got)\b[^?]*\b(look|looking|search|searching|shop|shopping|"
     r"switch|change|move)\b|kick(ed|s)? off|trigger|prompt|why now", Intent("trigger", ("trigger",))),
    (r"why\b.*\b(buy|bought|purchas|choose|chose|pick|sign(ed)? up|switch)", Intent("buy", ("reason_chosen", "trigger", "pain_point"), prefer=("won", "active"))),
    (r"problem|pain|struggl|challenge|frustrat|complain", Intent("pain", ("pain_point", "complaint"))),
    # what customers got: results, benefits, what changed once they bought, what they like or would recommend it for
    (r"result|outcome|benefit|impact|improve|get out of|got out of|\b(since|after) (buying|switching|signing|they (bought|switched|signed))|\bsaved?\b|\broi\b|like (most|best|about)|recommend|happy with|\blove", Intent("outcome", ("outcome",))),
    (r"goal|hop(e|ing)|achieve|want|success", Intent("goal", ("goal",))),
    # what a group cares about is what it raises of its troubles, aims and gains
    (r"\bcare(s|d)? (about|most)|\bmatters? (most )?to\b|\bprioriti|most important|\bvalue(s|d)?\b", Intent("care", ("pain_point", "goal", "outcome"))),
)  # fmt: skip


class Answer(BaseModel):
    """An extractive answer: what customers most often said, the verbatim quotes behind it, or 'thin'."""

    question: str
    answer: str
    citations: list[Evidence] = Field(default_factory=list, description="Best statement per source first.")
    themes: list[str] = Field(default_factory=list, description="Clusters the relevant statements form.")
    thin: bool = Field(description="Fewer than MIN_SOURCES distinct sources speak to the question.")
    sources: int = Field(default=0, description="Distinct interviews and respondents that speak to it.")


@dataclass
class StatementIndex:
    """Every customer statement with its vector, turn, facet scores and keyword terms; build once, ask often."""

    units: list[Unit]
    vectors: np.ndarray
    facets: FacetScores
    documents: dict[str, Document]
    outcomes: dict[str, str | None]
    turn_of: np.ndarray  # each statement's turn (a row of turn_vectors)
    turn_keys: list[tuple[str, int]]  # each turn row's (document, turn number in the document)
    turn_vectors: np.ndarray  # each turn's mean statement vector, L2-normalised
    window_vectors: np.ndarray  # each turn's with its neighbours either side, L2-normalised
    turn_words: Any  # sparse term counts of each turn's statements (scipy), for BM25
    words: CountVectorizer | None
    headcounts: dict[str, int | None]  # document -> its account's head count

    acts: dict[int, list[DecisionAct]] = field(default_factory=dict)  # decision acts of the statements read

    @cached_property
    def act_reader(self) -> ActReader:
        """Decision acts read in each document's context, worked out once per document for this index."""
        return ActReader(self.documents, self.own_product)

    @cached_property
    def role_families(self) -> list[str | None]:
        """Each statement's speaker's role family ("Finance leader" for a CFO), from the document's stated role,
        or the speaker's own where the document names several interviewees with their roles (read once)."""
        by_document: dict[str, tuple[str | None, dict[str, str]]] = {}
        for doc_id, document in self.documents.items():
            each = speaker_roles(document)
            by_document[doc_id] = (None if each else document_role(document), each)
        families: list[str | None] = []
        for unit in self.units:
            stated, each = by_document.get(unit.doc_id, (None, {}))
            role = each.get(unit.speaker, stated) if each else stated
            title = role_title(role) if role else None
            families.append(ROLE_FAMILY.get(title, title) if title else None)
        return families

    @cached_property
    def said_words(self) -> frozenset[str]:
        """Every word, and its stem, that customers said or that the data records of them (survey answers, account
        fields): what a question may turn on and be answered from (read once)."""
        texts = [u.text for u in self.units] + [
            str(value) for document in self.documents.values() for value in document.metadata.values()
        ]
        words = {w for text in texts for w in re.findall(r"[a-z][a-z'’-]*", text.casefold())}
        return frozenset(words | {_stem(w) for w in words})

    @cached_property
    def said_together(self) -> list[tuple[str, frozenset[str]]]:
        """The words, and their stems, of each turn customers spoke and of each field the data records of a source
        (its header with its value), with the source: the places where words a question puts in one phrase can be
        said together (read once)."""
        turns: dict[int, tuple[str, set[str]]] = {}
        for unit, turn in zip(self.units, self.turn_of.tolist(), strict=True):
            turns.setdefault(turn, (unit.doc_id, set()))[1].update(_said_in(unit.text))
        fields = [
            (doc_id, _said_in(f"{key} {value}"))
            for doc_id, document in self.documents.items()
            for key, value in document.metadata.items()
        ]
        return [(doc_id, frozenset(words)) for doc_id, words in [*turns.values(), *fields]]

    @cached_property
    def own_product(self) -> re.Pattern[str] | None:
        """The vendor's own product names as the statements' questions say them (``own_product_named``, read once)."""
        return own_product_named(self.units, self.outcomes)

    @cached_property
    def weighed_names(self) -> list[tuple[str, list[int]]]:
        """The products customers say they weighed, with the rows of the statements naming them (read once)."""
        return weighed_names(self.units)

    @cached_property
    def answers_a_complaint_question(self) -> np.ndarray:
        """For each statement, whether the question it answers asked for a complaint about life with the product
        ("What frustrates you about it?"; not "What was frustrating about the old setup?", which asks for a pain)."""
        read = {q: asks_for_a_complaint(q) for q in {u.question for u in self.units} if q}
        return np.asarray([read.get(u.question or "", False) for u in self.units], dtype=bool)

    @cached_property
    def says_something(self) -> np.ndarray:
        """For each statement, whether it says something of its own: not "no", "n/a" or "So that's how it
        started.", nor a no to the question it answers ("No changes" to "What would you change?")."""
        return np.asarray(
            [
                not (
                    says_nothing(u.text)
                    or denies_the_question(u.text, u.question)
                    or introduced
                    or says_it_is_beside_the_point(u.text)
                )
                for u, introduced in zip(self.units, self.introductions, strict=True)
            ],
            dtype=bool,
        )

    @cached_property
    def introductions(self) -> np.ndarray:
        """For each statement, whether it only introduces its speaker by role (``introduces_self``; read once), or, of
        an interview, only says what the organisation is (``describes_the_organisation``: "Copperline Inn, ninety-two rooms,
        Kingston, Ontario.", qa309: the answer to what made Copperline Inn change)."""
        return np.asarray(
            [
                introduces_self(u.text) or (u.kind == "interview" and describes_the_organisation(u.text))
                for u in self.units
            ],
            dtype=bool,
        )

    @cached_property
    def tells_no_reason(self) -> np.ndarray:
        """For each statement, whether it tells no reason an account went, as the facets read it: "Price wasn't why
        we went with them.", an answer that opens by saying it went well (``not_why_it_went``)."""
        rows = not_why_it_went(self.units)
        return np.asarray([row in rows for row in range(len(self.units))], dtype=bool)

    def decision_acts(self, statement: int) -> list[DecisionAct]:
        """The decision acts titled people do in a statement, read as the committee reads them (``acts_told``: he or
        she with the sentences before, "Our IT director, Paul Wexler. He held it up for, gosh, two months.", qa233:
        the blocker the profile named was never in "Who blocks the deal?"), read once per index."""
        if statement not in self.acts:
            document = self.documents.get(self.units[statement].doc_id)
            told = acts_told(self.units, statement, self.act_reader, document)
            self.acts[statement] = [act for acts, _ in told for act in acts]
        return self.acts[statement]

    def keyword_scores(self, question: str, turns: np.ndarray) -> np.ndarray:
        """BM25 of the question over the given turns (document frequencies among those turns)."""
        if self.words is None or not len(turns):
            return np.zeros(len(turns))
        asked = self.words.transform([question]).indices
        if not len(asked):
            return np.zeros(len(turns))
        counts = self.turn_words[turns]
        lengths = np.asarray(counts.sum(axis=1)).ravel()
        tf = counts[:, asked].toarray()
        df = (tf > 0).sum(axis=0)
        idf = np.log(1 + (len(turns) - df + 0.5) / (df + 0.5))
        norm = BM25_K1 * (1 - BM25_B + BM25_B * lengths / max(lengths.mean(), 1.0))
        return np.asarray((idf * tf * (BM25_K1 + 1) / (tf + norm[:, None])).sum(axis=1)).ravel()


def index_statements(workspace: Workspace, embedder: Embedder, *, reuse: bool = True) -> StatementIndex:
    """Every customer statement embedded (through the workspace cache) and scored; kept in the workspace.

    The index is stored in the workspace and reused while the workspace's records, the embedding model
    and the facet classifier are unchanged (``reuse=False`` rebuilds it).
    """
    if not workspace.has_content():
        raise StoreError(f"workspace {workspace.path} is empty: run 'icp-assist ingest PATH' first")
    documents = {d.doc_id: d for d in workspace.documents()}
    model = trained_model(embedder)
    classifier = hashlib.sha256(model.weights.tobytes() + model.intercepts.tobytes()).hexdigest()
    key = ask_index.index_key(
        workspace,
        {
            "embedding": embedder.name,
            "analyzer": ANALYZER_VERSION,
            "facets": classifier,
            "labels": model.labels,
        },
    )
    fields = ask_index.load(workspace, key, documents) if reuse else None
    if fields is None:
        fields = _index_fields(workspace, embedder, documents)
        ask_index.save(workspace, key, fields)
    vocabulary = fields.pop("vocabulary")
    words = (
        CountVectorizer(stop_words=list(ENGLISH_STOP_WORDS), vocabulary=vocabulary) if vocabulary else None
    )
    return StatementIndex(documents=documents, words=words, **fields)


def _index_fields(workspace: Workspace, embedder: Embedder, documents: dict[str, Document]) -> dict[str, Any]:
    accounts = {a.account_id: a for a in workspace.accounts()}
    statements = classified_statements(workspace, embedder, list(documents.values()), list(accounts.values()))
    units, vectors = statements.units, statements.vectors
    turn_of, turn_keys, turn_vectors, window_vectors, turn_texts = _turns(units, vectors, documents)
    words, turn_words = _word_counts(turn_texts)
    return {
        "units": units,
        "vectors": vectors,
        "facets": statements.facets,
        "outcomes": statements.outcomes,
        "turn_of": turn_of,
        "turn_keys": turn_keys,
        "turn_vectors": turn_vectors,
        "window_vectors": window_vectors,
        "turn_words": turn_words,
        "vocabulary": words.get_feature_names_out().tolist() if words is not None else None,
        "headcounts": {d: _headcount(doc, accounts) for d, doc in documents.items()},
    }


def ask(
    workspace: Workspace,
    embedder: Embedder,
    question: str,
    *,
    filters: Mapping[str, str] | None = None,
    top: int = 5,
    index: StatementIndex | None = None,
) -> Answer:
    """Answer a question from customer statements, citing verbatim quotes; pass ``index`` to reuse one."""
    question = question.strip()
    if not question:
        raise ConfigError("Ask a question, e.g. 'why did customers buy?'")
    if top < 1:
        raise ConfigError(f"--top must be at least 1, not {top}")
    wanted = _parse_filters(filters or {})
    index = index or index_statements(workspace, embedder)
    # the vendor's own product named is "us": its words say nothing of what is asked ("Why did customers buy
    # StopArm?", qa233: read as what stopped them, an objection, and answered "thin, 0 of 63 respondents")
    ours = read_as_us(question, index.own_product) if index.own_product else question
    intent = detect_intent(ours)
    accounts = workspace.accounts()
    # (the place the CRM records of the statement's account: "--filter region=Texas", qa280: refused as unknown)
    regions = {a.account_id: a.region for a in accounts} if "region" in wanted else {}
    candidates = [i for i, u in enumerate(index.units) if _matches(u, index, wanted, regions)]
    if not candidates:
        return _thin(
            question, [], 0, f"no customer statements match {_describe(wanted)}" + _size_told(wanted, index)
        )
    # an account the question names ("Why did Atlas Global Risk choose Casewright?"): its people's words lead, as a
    # named speaker's do, and its name is no role or group ("Crescent Legal Investigations" is no legal role, qa250:
    # the answer quoted other accounts and read "Legal" as procurement & legal)
    of_account, question_asked = asked_accounts(question, accounts)
    family = asked_family(question_asked) or _asked_stated_role(question_asked, index.role_families)
    industry, segment = asked_group(question_asked, accounts, index.documents.values())
    unspoken = ""  # a group the data names, none of whose people spoke
    named_group = industry[0] if industry else segment[0] if segment else ""
    if family and named_group and family in {ROLE_FAMILY.get(t, t) for t in find_titles(named_group)}:
        family = None  # "CROs" are "Contract Research (CRO)" accounts here, not chief revenue officers (qa33)
    if (
        family
        and named_group
        and _words(named_group) & {w for name in _names_of(family) for w in _words(name)}
    ):
        # "retail lumber yards" are "Retail Lumber Yard" accounts, not the "Yard / Shipping" role (qa162); but "office
        # managers" are the "Office Manager" role, which the question names by more of its words than the segment
        # "Two-office" (qa199: answered of that segment's three interviews, none of the 31 office managers)
        by_title = max(len(_said_words(name, question)) for name in _names_of(family))
        if by_title > len(_said_words(named_group, question)):
            industry = segment = None
            named_group = ""
        else:
            family = None
    if industry or segment:
        # "what do food processors care about?": the accounts of that industry in the CRM, and the respondents
        # and interviews that state it as their own ("Which industry best describes your organization?")
        of_industry, documents = industry[1] if industry else set(), segment[1] if segment else set()
        theirs = [
            i
            for i in candidates
            if index.units[i].account_id in of_industry or index.units[i].doc_id in documents
        ]
        if theirs:
            # (fewer than MIN_SOURCES of them make a thin answer from theirs, not everyone's answer: qa154, "What do
            # food distributors care about?" said no group in the data was food distributors and quoted pharmacies)
            candidates = theirs
        else:
            # (and it is said: "schools with 300 students", where no account has exactly 300, was answered from
            # everyone with no word, qa279)
            unspoken = named_group
            industry = segment = None
    # a group of customers the question names that no industry, segment or role in the data is ("What do small
    # firms care about?"): the answer says it is drawn from everyone (qa25: it had quietly ignored the group)
    unmatched = None if industry or segment or family or filters else unmatched_group(question_asked)
    unheard = ""  # the account asked about, when none of its people spoke
    if of_account:
        if theirs := [i for i in candidates if index.units[i].account_id in of_account]:
            candidates = (
                theirs  # (as --filter account_id=… would; thin, if they said little, not everyone's answer)
            )
        else:
            unheard = " or ".join(
                sorted(a.name or a.account_id for a in accounts if a.account_id in of_account)
            )
        # (and what is asked of it is its CRM record, whether or not its people spoke: a lost account no interview
        # speaks for was checked against every account's outcome, and "why did it choose the rival?" was answered as
        # why the won customers bought)
        accounts = [a for a in accounts if a.account_id in of_account]
    speakers = asked_speakers(question, {index.units[i].speaker for i in candidates})
    # a rival the question names ("Why did prospects choose FreightPay One over us?"): what customers said of it
    # leads, as a named speaker's words do; choosing it over us is why deals went (qa40, qa42-qa44: the answer
    # gave why customers chose us, citing no word of the rival)
    products, naming = asked_products(question, index, candidates)
    # a person the question asks after whom no interviewee or respondent is ("Why did Elena leave?", qa173: answered
    # from others' words, never saying she was not there)
    absent = None if speakers else unnamed_person(question, [*products, *(a.name or "" for a in accounts)])
    # ("Why did customers choose Plotwell over Rostr?" asks why we won, qa80: it was read as why deals went to Rostr,
    # lost accounts first)
    if products and _CHOSE_IT_OVER_US.search(ours):
        intent = _LOST_TO_A_RIVAL
    elif (
        of_account
        and intent
        and intent.name == "buy"
        and all(a.outcome in (("lost", "churned") if products else ("lost",)) for a in accounts)
    ):
        # why an account that went chose the rival named ("Why did Atlas Global Risk choose Casewright?", qa250: "no
        # customer statement speaks to this", since a lost deal bought nothing of ours) is why it went; so is why a
        # lost deal bought at all, whatever it chose (a rival only its CRM record names is none the statements weigh)
        intent = _LOST_TO_A_RIVAL
    ranked, relevant = _rank(index, embedder, ours, intent, candidates, family, speakers, naming)
    if (
        (family or industry or segment)
        and (intent is None or intent.name == "care")
        and _ASKS_WHAT_THEY_CARE_ABOUT.search(question)
    ):
        # asked only what a role's or a group's people care about, whatever they said under any heading answers it
        # (why they chose it, what bugs them), and the others' words do not (qa152: "3 of these 17 sources" from a
        # role 31 respondents chose, the lines everyone's pains; qa150: "0 of 2 interviews" of Real Estate accounts,
        # then both cited). (The candidates are already the group's.)
        said_by_them = {
            i
            for i in candidates
            if index.facets.assigned[i] and (not family or of_family(index.role_families[i], family))
        }
        if said_by_them:
            relevant, intent = said_by_them, None
    if intent and intent.name == "buy":
        # a deal that was lost never bought: what its people said tells no reason customers bought (qa150, qa152:
        # "Across 9 of 9 interviews" counted the two lost deals among those who bought)
        relevant = {i for i in relevant if index.outcomes.get(index.units[i].doc_id) != "lost"}
    if (
        intent
        and intent.name == "alternative"
        and asks_what_was_used_before(question)
        and not _ASKS_WHICH_PRODUCTS.search(question)
    ):
        # what customers did before the product ("What did they use before?") is what they answered asked of the
        # time before, not the rivals they weighed when they looked (qa262, qa263, qa266, qa267, qa269: answered
        # "StorMate (5 interviews)", "TrakDrive (3 interviews)", and never the spreadsheets and paper)
        # (a trouble of that time names the way it was done as often: "So the sheet had who's prepping when, and
        # then there was a group text on top of the sheet")
        before = {
            i
            for i in candidates
            if {"alternative", "pain_point"} & set(index.facets.assigned[i])
            and asks_of_the_time_before(index.units[i].question or "")
        }
        if len({index.units[i].doc_id for i in before}) >= MIN_SOURCES:
            relevant, ranked = before, [i for i in ranked if i in before]
    complaint = bool(ASKS_FOR_A_COMPLAINT.search(question))
    # "who …" is answered as the buying committee is built: from the decision acts titled people do in any
    # statement (the act reader is stricter than the facet classifier), each of which speaks to the question
    acts, named, not_in_buying = (
        _decision_acts(index, ranked, question, family)
        if intent and intent.name == "decision"
        else ([], 0, set())
    )
    # the act the question names, where anyone does it, is the answer: "Who blocks the deal?" is no list of who
    # signed and who championed after the blocker (qa233, qa236: told as what customers "most often said")
    # (nor are the others' acts cited after it)
    others = {i for _, _, members in acts[named:] for i in members} if named else set()
    others -= {i for _, _, members in acts[:named] for i in members}
    acts = acts[:named] if named else acts
    # (nor is an act that was no part of buying the product cited after them: "And the owner signed at the end." of a
    # lost deal signed another vendor's contract, qa214, qa219)
    ranked = [i for i in ranked if i not in not_in_buying and i not in others]
    relevant -= not_in_buying | others
    if intent and intent.name == "alternative" and _ASKS_WHICH_PRODUCTS.search(question):
        # "which competitors / what else did they look at": the products customers say they weighed, as the
        # profile's competitors are found, then what else they said
        acts = _weighed(index, ranked)
    acted = {i for _, _, members in acts for i in members}
    relevant |= acted
    # (only of a question no person, product, account or group tells: those are answered from what is said of them,
    # in whatever words)
    of_no_one = not (speakers or products or of_account or absent or family or industry or segment)
    unsaid: list[str] = []
    apart: list[str] = []
    asked_as = read_as_us(question_asked, index.own_product) if index.own_product else question_asked
    if intent is None and of_no_one:  # (a plain question: no intent tells it either)
        unsaid = unsaid_words(asked_as, index)
        apart = [] if unsaid else unsaid_together(asked_as, index)
    elif (intent is not None or family or industry or segment) and not (
        speakers or products or of_account or absent
    ):
        # (of a group too: "Do credit unions care about cryptocurrency custody?", qa303: answered "across 5 of 5
        # interviews" with what credit unions care about; the group is told apart, the topic is not)
        # a part of buying asked of a topic ("Do customers care about carbon-neutral shipping or B Corp
        # certification?", qa287: answered "across 9 of 12 interviews" with what they care about, none of it that):
        # the topic's words must be said, as a plain question's are
        # (each word, not the words together: a part of buying is asked in the asker's words, "paying suppliers"
        # of customers who say "paying vendors")
        # (and an acronym anywhere in it, what it asks of: "Is SOC 2 a concern for buyers?", "Do customers care about
        # AI?", qa294: answered "across 8 of 10 interviews" with what they worry about)
        phrased = [w for phrase in topic_phrases(asked_as) for w in phrase]
        topic = " ".join(
            # (an acronym outside the topic's phrase may be the group's name: "What do CFOs worry about?")
            [
                *phrased,
                *(_ACRONYM.findall(asked_as) if of_no_one else []),
            ]
        )
        unsaid = unsaid_words(topic, index) if topic else []
        # a topic named by an acronym ("Do credit unions care about SOC 2?") is a term of art, said in no other words:
        # what answers it is what says it (qa303: answered with the group's top reasons, none of the two interviews
        # that asked for the SOC 2 report cited)
        terms = {w.casefold().rstrip("s") for w in phrased if _ACRONYM.fullmatch(w)}
        saying = (
            {i for i in candidates if terms & _said_in(index.units[i].text)}
            if terms and not unsaid
            else set()
        )
        if saying:
            relevant, ranked = saying, [i for i in ranked if i in saying]
    if unsaid or apart:
        relevant = set()
    # a speaker introducing themselves by role says nothing of what was asked, however close in words ("So I'm the
    # operations manager, we're about sixty people…", qa284: a line of what operations managers worry about; "Yeah,
    # Gary, operations manager at Polaris.", of why Polaris left)
    relevant = {i for i in relevant if i in acted or not index.introductions[i]}
    sources = len({index.units[i].doc_id for i in relevant})
    pool = [i for i in ranked if i in relevant]
    if acts:  # a "who …" answer cites the quotes where people do the act it names (or any act), then the rest
        lead = list(dict.fromkeys(i for _, _, members in acts[: named or len(acts)] for i in members))
        led = set(lead)
        ranked = lead + [i for i in ranked if i not in led]
    # a quote that says nothing of its own is no evidence
    # (but one that tells who did a decision act answers "who …": "Our procurement director picked it")
    # (nor is a speaker's introduction of themselves: "VP of Consumer Lending at Granite State Community Bank.", qa303:
    # cited of why that bank was lost)
    telling = [i for i in ranked if (index.says_something[i] and not index.introductions[i]) or i in acted]
    if intent and intent.name in ("churn", "loss"):
        # nor, asked why accounts went, one that says what was not why ("Price wasn't why we went with them.", qa159,
        # qa162: cited first for "Why do we lose deals?")
        relevant = {i for i in relevant if not index.tells_no_reason[i]}
        # (nor one that only says what the account is: "New Hampshire, about 300 employees.", qa303; nor an answer to
        # why they bought in the first place: "We had no idea which customers were worth it.", qa305, cited of why
        # customers cancelled)
        telling = [
            i
            for i in telling
            if not index.tells_no_reason[i]
            and not tells_who_they_are(index.units[i].text)
            and not asks_about_first_buying(index.units[i].question or "")
        ]
    # "Why did Maria choose us?": what she said is cited first (one document's), then what others said; "Why do we
    # lose deals?": what the people of lost deals said that speaks to it, then the rest (qa37, qa38, qa40: won
    # customers' pains were cited beside two lost deals' reasons)
    spoken = {i for i in ranked if index.units[i].speaker in speakers}
    if spoken and intent and not acts:
        # what they said under the part of buying asked about comes first ("What results did Priya Raman get?": her
        # outcomes, then her triggers and pains; qa108: four of five citations were her triggers and pains)
        told = [i for i in ranked if i in spoken and set(index.facets.assigned[i]) & set(intent.facets)]
        if told:
            spoken = set(told)  # (cited before the rest, each of them, not one per stretch of her answers)
            ranked = told + [i for i in ranked if i not in spoken]
    if not spoken and naming:  # what was said of the rival, those of the accounts the question is about first
        about = {i for i in naming if intent and index.outcomes.get(index.units[i].doc_id) in intent.outcomes}
        if intent and intent.name == "buy":
            # why customers chose us over the rival: what those who bought said of it (qa80: lost deals' reasons led)
            about = {
                i for i in naming if index.outcomes.get(index.units[i].doc_id) not in ("lost", "churned")
            }
        spoken = about or set(naming)
        # what says why, under the part of buying asked about, before the mentions of having weighed it (as the lines)
        saying_why = {i for i in spoken if _says_why(index, intent, i)}
        ranked = [i for i in ranked if i in saying_why] + [i for i in ranked if i not in saying_why]
        telling = [i for i in telling if i in saying_why] + [i for i in telling if i not in saying_why]
    if not spoken and intent and intent.outcomes:
        spoken = {i for i in relevant if index.outcomes.get(index.units[i].doc_id) in intent.outcomes}
    # (a "who …" answer cites the acts, which interviews tell, in their order)
    citations = _verified(
        index, _diverse(index, telling or ranked, top, first=spoken, mix=None if acts else relevant)
    )
    # what the CRM records of the accounts asked about (those of the people or rivals the question names), and the
    # groups or people it names that the data has not: said after the answer, thin or not
    # (and of the group the question or a filter names: qa271, qa273: "Lost to Competitor - Aislebook — 3 of the 12 lost
    # accounts" under a hotels-only answer, none of them hotels)
    of_group, about_group = _of_group(
        accounts,
        index,
        candidates,
        wanted,
        industry[1] if industry else set(),
        group=segment[0] if segment and not industry else "",
        grouped=bool(industry or segment),
    )
    of_rival, about_rivals = _of_rivals(_of_speakers(of_group, index, speakers), index, products)
    after = _recorded(workspace, embedder, intent, of_rival, about_rivals or about_group)
    decided = intent is not None and intent.name == "decision"
    if decided and acts and not named and (asked_parts := asked_acts(question)):
        # the act asked about, done by no one, is said so, not left to the lines of the other acts (qa245: "Who
        # blocked or held up the deal?" listed the champions and signers, naming no blocker and saying none was found)
        # (in plain words: "No one is told in what customers said doing what was asked (…)" was no English, qa322,
        # qa323)
        after = (
            "\nNo customer tells of anyone who "
            + " or ".join(ACT_WORDS[part] for part in sorted(asked_parts))
            + ": the lines above are the other parts of buying."
            + after
        )
    asks_which = intent and (
        (intent.name == "alternative" and _ASKS_WHICH_PRODUCTS.search(question))
        # ... and which rivals deals or accounts were lost to ("Which competitors do we lose deals to?", qa279, qa280:
        # answered with reasons alone, never the rival the CRM records on half the lost deals)
        or (intent.name in ("loss", "churn") and _ASKS_WHICH_RIVALS.search(question))
    )
    # (the counts are of everyone: not said of a group, a person, a rival or a filter's part, qa285: "--filter
    # outcome=lost" listed the ticks of active accounts)
    everyone = not (industry or segment or speakers or products or wanted)
    if asks_which and everyone:
        after += _rivals_counted(index, accounts)
    elif intent and intent.name == "alternative" and asks_what_was_used_before(question) and everyone:
        after += _used_before_ticked(index, accounts)
    after += _not_found(unmatched, absent)
    if unspoken and not unmatched:
        after += (
            f"\nNo interview or survey answer is from {unspoken} accounts: this answer draws on every source."
        )
    if unheard:
        after += f"\nNo interview or survey answer is from {unheard}: any quotes cited are other customers'."
    if sources < MIN_SOURCES:
        why = (
            f"no customer statement says {' or '.join(repr(w) for w in unsaid)} (the closest statements are cited)"
            if unsaid
            else f"customers say {' and '.join(repr(w) for w in apart)}, but never together (the closest statements "
            "are cited)"
            if apart
            else _too_few(index, relevant, candidates, sources, speakers)
        )
        thin = _thin(question, citations, sources, why)
        if sources:  # what the few that speak to it said, as a full answer would put it
            said = _summary(
                index,
                relevant,
                candidates,
                _lines(
                    index, acts, pool, intent, ranked, complaint=complaint, naming=naming, speakers=speakers
                ),
                intent,
                family,
                speakers=speakers,
                products=products,
            )
            lines = said.splitlines()[1:]
            # (a header over no line read as if what followed, the CRM's record, was what they said)
            if lines:
                note = _ranked_first(index, relevant, candidates, family, speakers, products)
                thin.answer += f"\nWhat they said{note}:\n" + "\n".join(lines)
        thin.answer += after
        return thin
    themes = _lines(index, acts, pool, intent, ranked, complaint=complaint, naming=naming, speakers=speakers)
    return Answer(
        question=question,
        answer=_summary(
            index,
            relevant,
            candidates,
            themes,
            intent,
            family,
            industry=industry[0] if industry else None,
            segment=segment[0] if segment else None,
            speakers=speakers,
            products=products,
        )
        + after,
        citations=citations,
        themes=[label for label, _, _ in themes],
        thin=False,
        sources=sources,
    )


def _lines(
    index: StatementIndex,
    acts: list[tuple[str, int, list[int]]],
    pool: Sequence[int],
    intent: Intent | None,
    ranked: Sequence[int] = (),
    *,
    complaint: bool = False,
    naming: frozenset[int] = frozenset(),
    speakers: frozenset[str] = frozenset(),
) -> list[tuple[str, int, list[int]]]:
    """The answer's lines: the acts or products named (who / which competitors), else the groups of the relevant
    statements; products named are followed by what else was said, up to MAX_THEMES lines. With ``naming`` (the
    statements that name a rival the question asks about) in two or more sources, the lines are theirs alone.
    The lines holding what the ``speakers`` a question names said come first."""
    of_rival = bool(naming)  # (one source that names it says more of it than any other, qa239)
    if of_rival:  # whatever heading each was filed under: what was said of the rival is the answer
        ranked, pool = [i for i in ranked if i in naming], [i for i in pool if i in naming]
        # (the question's other words may rank none of them: "What do ditchriders care about?" of the rival
        # "Ditchrider Pro", qa171, where the answer crashed on nothing to group)
        pool = pool or sorted(naming)
        # and of that, what says why, filed under the part of buying asked about, is the answer, not the mentions of
        # having weighed it (qa201: "We briefly looked at HearTrack Pro (6 interviews)" was the one line of why
        # prospects choose it, and "HearTrack was about thirty percent cheaper per location" none)
        pool = [i for i in pool if _says_why(index, intent, i)] or pool
    complaints = [i for i in (ranked or pool) if index.answers_a_complaint_question[i]] if complaint else []
    if len({index.units[i].doc_id for i in complaints}) >= MIN_SOURCES and not acts:
        # "What do customers complain about?" is told from the answers to a question that asked for a complaint
        # (as they lead the citations), not from the pains told of the time before buying, when some of them
        # say the same thing
        told = _themes(index, complaints[:POOL], intent, rest=complaints[POOL:])
        if any(n >= 2 for _, n, _ in told):
            return told
    if intent and not acts and not of_rival:
        # a question about one part of buying is answered from statements filed under it, when enough sources
        # made them: "why did they buy?" lists no "expensive for a plant our size" that merely shares its words.
        # Filed under it, a statement speaks to the question whatever its words (every candidate is looked at,
        # in rank order: "Parcel. Multi-modal, really." shares no word with "why did we lose deals?")
        of_part = [i for i in (ranked or pool) if set(index.facets.assigned[i]) & set(intent.facets)]
        # (a lost deal bought nothing of ours: qa286, a line of "3 interviews" under "2 of 3")
        if intent.name == "buy":
            of_part = [i for i in of_part if index.outcomes.get(index.units[i].doc_id) != "lost"]
        # few accounts churn or are lost, and each one's reason matters: one is enough (as on the profile)
        enough = 1 if intent.outcomes else MIN_SOURCES
        if len({index.units[i].doc_id for i in of_part}) >= enough:
            pool = of_part
    themes = acts[:MAX_THEMES] or _themes(index, pool[:POOL], intent, rest=pool[POOL:])
    if acts and intent and intent.name == "alternative" and len(themes) < MAX_THEMES:
        listed = {i for _, _, members in acts for i in members}
        more = _themes(index, [i for i in pool[:POOL] if i not in listed], intent)
        themes += more[: MAX_THEMES - len(themes)]
    if speakers and not acts:
        themes = in_their_words(themes, index.units, speakers)
    return theirs_first(themes, index.units, speakers)


def _says_why(index: StatementIndex, intent: Intent | None, statement: int) -> bool:
    """Whether a statement is filed under the part of buying asked about, other than as an alternative weighed (a
    mention of having weighed a rival says nothing of why)."""
    return intent is not None and bool(
        (set(intent.facets) - {"alternative"}) & set(index.facets.assigned[statement])
    )


def in_their_words(
    lines: list[tuple[str, int, list[int]]], units: Sequence[Unit], speakers: frozenset[str]
) -> list[tuple[str, int, list[int]]]:
    """The lines holding what the named ``speakers`` said, each labelled from their statements alone: "Why did Holly
    leave?" is not answered with another account's words as the label of a line it shares (qa188: "I felt trapped",
    Angela's, led the answer about Holly)."""
    theirs = [[i for i in members if units[i].speaker in speakers] for _, _, members in lines]
    relabelled = [n for n, mine in enumerate(theirs) if mine]
    if not relabelled:
        return lines
    labels = label_themes(
        [[units[i].text for i in theirs[n]] for n in relabelled],
        [units[i].text for _, _, members in lines for i in members],
    )
    lines = list(lines)
    for n, label in zip(relabelled, labels, strict=True):
        lines[n] = (label, lines[n][1], lines[n][2])
    return lines


def theirs_first(
    lines: list[tuple[str, int, list[int]]], units: Sequence[Unit], speakers: frozenset[str]
) -> list[tuple[str, int, list[int]]]:
    """The lines holding what the named ``speakers`` said first, each group in its order: "Why did Marcus Bell
    leave?" leads with what he said, as his words lead the citations (qa101: another account's "Corporate uses
    Paystream" was the first line)."""
    return sorted(lines, key=lambda line: not any(units[i].speaker in speakers for i in line[2]))


def unmatched_group(question: str) -> str | None:
    """The words a question qualifies a group of customers with ("small firms", "audit-focused firms"), when it
    does; the caller asks this only when no industry, segment or role matched them."""
    for match in _GROUP_ASKED.finditer(question):
        words = [w for w in match.group("qualifier").split() if w.casefold() not in _NOT_QUALIFIERS]
        if words:
            return f"{' '.join(words)} {match.group('group')}"
    return None


# Words of asking and of whom a question asks about, which no customer need say for a question to be answered from
# what they did say: closed classes of English, beyond the stop words and the words the intents are told by.
_ASKING_WORDS = frozenset(
    ["customer", "customers", "client", "clients", "user", "users", "people", "prospect", "prospects", "account",
     "accounts", "buyer", "buyers", "say", "said", "saying", "says", "think", "thought", "feel", "felt", "tell",
     "told", "mention", "mentioned", "mentions", "talk", "talked", "describe", "described", "explain", "like",
     "liked", "most", "often", "usually", "really", "common", "commonly", "main", "top", "biggest", "reason",
     "reasons", "product", "tool", "software", "platform", "service", "vendor", "company", "companies", "deal",
     "deals", "ones", "kind", "kinds", "type", "types", "thing", "things", "lot", "does", "did", "doing", "make",
     "makes", "made", "get", "got", "want", "wanted", "need", "needed", "use", "used", "using", "us", "our", "we",
     "you", "your", "buy", "bought", "buying", "purchase", "purchased", "purchasing", "sign", "signed", "signing",
     "contract", "contracts", "choose", "chose", "chosen", "pick", "picked", "switch", "switched"]
)  # fmt: skip


def unsaid_words(question: str, index: StatementIndex) -> list[str]:
    """The words a question turns on that no customer said nor the data records ("How do veterinary clinics in the
    UK handle VAT on invoices?": 'UK', 'VAT'), as written: a question about what nobody spoke of has no answer in
    what they said, however close in meaning some statements lie (qa270, qa272, qa274: such questions were answered
    "across 8 of 10 interviews" with no warning). Words of asking, stop words and the words intents are told by
    need not be said."""
    cues = [m.span() for pattern, _ in _INTENTS for m in re.finditer(pattern, question, re.IGNORECASE)]
    unsaid = []
    for found in re.finditer(r"[A-Za-z][A-Za-z'’-]*", question):
        word, low = found.group(0), found.group(0).casefold()
        acronym = bool(
            _ACRONYM.fullmatch(word)
        )  # (a short word, or a stop word, counts written so: "AI", "IT")
        if (
            (len(low) < 3 and not acronym)
            or (low in ENGLISH_STOP_WORDS and not acronym)
            or low in _ASKING_WORDS
            or any(start < found.end() and found.start() < end for start, end in cues)
        ):
            continue
        if low not in index.said_words and _stem(low) not in index.said_words:
            unsaid.append(word)
    return list(dict.fromkeys(unsaid))


# What opens the topic of a question ("How do clinics feel about our NHS contract integration?") and what may stand
# between it and the topic's words: closed classes of English.
_NOW = frozenset(["today", "now", "currently", "nowadays", "recently", "lately", "anymore", "these", "days"])
_TOPIC_OPENS = frozenset(["about", "of", "on", "with", "regarding", "around", "concerning"])
_DETERMINERS = frozenset(
    ["the", "a", "an", "our", "your", "their", "its", "this", "that", "these", "those", "my"]
)


def unsaid_together(question: str, index: StatementIndex) -> list[str]:
    """The words of one phrase of a question that customers each said, but never together: "How do clinics feel
    about our NHS contract integration?" turns on 'NHS' and 'integration', said once each, of other things (qa282:
    answered "across 7 of 12 interviews" with what clinicians cost, as each word lay close to something). A phrase
    is the run of words after "about", "of", "with"… (and its articles) that no other stop word, punctuation or
    intent's cue breaks (its words of asking need not be said); its least-said word, when fewer than MIN_SOURCES sources say it (so that only they could speak to the phrase), must be
    said in one turn, or one field of a record, with another of its words. Empty when no phrase is said apart."""
    for phrase in topic_phrases(question):
        words = list(dict.fromkeys(phrase))
        if len(words) < 2:
            continue
        places = {w: [(doc, said) for doc, said in index.said_together if _said_in(w) & said] for w in words}
        sources = {w: {doc for doc, _ in found} for w, found in places.items()}
        least = min(words, key=lambda w: len(sources[w]))
        if not places[least] or len(sources[least]) >= MIN_SOURCES:
            continue  # (a word no one said is unsaid_words' to tell; one many say may be said in other words)
        if not any(_said_in(other) & said for _, said in places[least] for other in words if other != least):
            return words
    return []


# A word written as an acronym, two capitals or more ("AI", "SOC", "GDPR"; "APIs")
_ACRONYM = re.compile(r"\b[A-Z]{2,}s?\b")


def topic_phrases(question: str) -> list[list[str]]:
    """The phrases of a question's topic: each run of words after "about", "of", "with"… (past its articles) that no
    other stop word, punctuation or intent's cue breaks, less its words of asking ("NHS contract integration" gives
    'NHS', 'integration')."""
    cues = [m.span() for pattern, _ in _INTENTS for m in re.finditer(pattern, question, re.IGNORECASE)]
    phrases: list[list[str]] = []
    topic = False  # (in what follows "about", "of", "with"…, past its articles and possessives)
    for found in re.finditer(r"[A-Za-z][A-Za-z'’-]*|[^A-Za-z\s]+", question):
        word = re.sub(r"['’]s$", "", found.group(0))
        low = word.casefold()
        if low in _TOPIC_OPENS:
            topic = True
            phrases.append([])
        elif topic and low in _DETERMINERS and not phrases[-1]:
            continue
        elif (
            not word[0].isalpha()
            or low in ENGLISH_STOP_WORDS
            or any(start < found.end() and found.start() < end for start, end in cues)
        ):
            topic = False  # (punctuation, a stop word or an intent's cue ends a phrase)
        elif (
            topic
            and (len(low) >= 3 or _ACRONYM.fullmatch(word))
            and low not in _ASKING_WORDS
            and low not in _NOW
            and not _ASKS_WHAT_THEY_CARE_ABOUT.fullmatch(low)
        ):
            # (a word of asking inside one need not be said: "NHS contract integration")
            phrases[-1].append(word)
    return [phrase for phrase in phrases if phrase]


def _said_in(text: str) -> set[str]:
    """A text's words, casefolded, with their stems and without a possessive "'s"."""
    words = {re.sub(r"['’]s$", "", w) for w in re.findall(r"[a-z][a-z'’-]*", text.casefold())}
    return words | {_stem(w) for w in words}


def _not_found(group: str | None, person: str | None = None) -> str:
    said = (
        f"\nNo industry, segment or role in the data is '{group}': this answer draws on every source "
        "(filter with --filter segment=… or size=… where the data records it)."
        if group
        else ""
    )
    if person:
        said += f"\nNo interviewee or respondent is named {person}: this answer draws on every source."
    return said


# A person a question asks after: "Why did Elena leave?", "What did Marcus say about …"
_ASKED_AFTER = re.compile(
    r"\b(?:did|does|do|has|had|would|was|is)\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?:['’]s)?\s+[a-z]"
)


def unnamed_person(question: str, others: Iterable[str]) -> str | None:
    """The person a question asks after by a name Faker's lists know ("Why did Elena leave?"), unless it is a word
    of a product or company the data names (``others``); the caller asks only when no speaker is named."""
    found = _ASKED_AFTER.search(question)
    if not found or not is_person_name(found["name"].split()[0], capital_tells=True):
        return None
    named = {w.casefold() for other in others for w in re.findall(r"\w+", other)}
    return None if found["name"].split()[0].casefold() in named else found["name"]


_GROUP_ASKED = re.compile(
    # the group as a question's subject or object: "What do small firms …", "… for audit-focused firms"
    r"\b(?:do|does|did|are|were|would|among|for|from|of|with|to)\s+"
    r"(?P<qualifier>(?:[a-z][\w-]*\s+){1,3}?)(?P<group>firms|companies|customers|clients|businesses|practices|"
    r"clinics|hospitals|schools|districts|agencies|stores|restaurants|fleets|organi[sz]ations|distributors|"
    r"wholesalers|manufacturers|retailers|brands|labs|laboratories|associations|nonprofits|contractors|dealers|"
    r"carriers|shops|plants|sites|networks)\b",
    re.IGNORECASE,
)
_NOT_QUALIFIERS = frozenset(
    ["what", "why", "how", "which", "who", "when", "where", "do", "does", "did", "are", "is", "were", "was", "the",
     "our", "their", "all", "other", "these", "those", "most", "many", "some", "any", "new", "existing", "current",
     "churned", "lost", "won", "active", "former", "paying", "happy", "unhappy", "best", "good", "bad", "more",
     "fewer", "of", "for", "to", "from", "with", "about", "and", "or", "that", "a", "an", "in", "on", "at", "say",
     "said", "care", "want", "need", "like", "think", "tell", "us", "we", "you", "they", "it", "have", "has",
     "can", "should", "would", "make", "made", "keep", "get", "buy", "bought", "choose", "chose",
     "typical", "real", "actual", "prospective", "potential", "target", "ideal", "biggest", "top", "main"]
)  # fmt: skip


def asked_family(question: str) -> str | None:
    """The role family a question asks about ("What do CFOs worry about?" -> "Finance leader"), if it names one
    job title (plurals read as the title); a "who ..." question names titles as answers, not as a filter."""
    if re.match(r"\s*who\b", question, re.IGNORECASE):
        return None
    # "buyers", "customers", "people" name everyone who bought, not a job title (qa36: "What objections did
    # buyers raise?" was read as asking about procurement's Buyers)
    question = re.sub(rf"\b({'|'.join(sorted(_GROUPS))}|buyer)\b", " ", question, flags=re.IGNORECASE)
    # (a plural read as one, but not after "of", where it is the title's own: "directors of studies" is the
    # "Director of Studies", qa279: read as a "Studie Director" no one is, and answered "none from" that role)
    titles = find_titles(question) + find_titles(re.sub(r"(?<!\bof )\b(\w{2,}?)s\b", r"\1", question))
    titles = titles or find_titles(re.sub(r"\b(\w{2,}?)s\b", r"\1", question))
    families = {ROLE_FAMILY.get(t, t) for t in titles}
    return families.pop() if len(families) == 1 else None


def _asked_stated_role(question: str, families: Sequence[str | None]) -> str | None:
    """A role the title list does not know but respondents or interviewees state ("CSR", "Producer"), named in
    the question as a word or its plural ("What do CSRs care about?"), when exactly one is."""
    if re.match(r"\s*who\b", question, re.IGNORECASE):
        return None
    distinct = {f for f in families if f}
    named = {
        family
        for family in distinct
        # a family is named whole, or by the plural of a name of one of its titles, as people ("What do owners
        # care about?": the Executive family's "CEO / Owner", qa28; not "Did security slow it?")
        for name, plural in ((family, "(?:s|es)?"), *((n, "(?:s|es)") for n in _names_of(family)))
        if re.search(rf"\b{re.escape(name)}{plural}\b", question, re.IGNORECASE)
    }
    # ... or by all its words, in any order, its last in the plural ("food safety and quality managers" for "Quality
    # / Food Safety Manager", qa89: the role was not found)
    asked = {w.casefold() for w in re.findall(r"[A-Za-z]+", question)}
    named |= {
        family
        for family in distinct
        if len(
            words := [
                w.casefold() for w in re.findall(r"[A-Za-z]{2,}", family) if w.casefold() not in _JOINERS
            ]
        )
        >= 2
        and all(w in asked or f"{w}s" in asked or f"{w}es" in asked for w in words)
        # as people: its last word in the plural ("…managers"), never a topic ("Did security or IT review…?")
        and (f"{words[-1]}s" in asked or f"{words[-1]}es" in asked)
    }
    # one role stated in two places, as itself and as one of a survey's alternatives ("Service Manager" in the
    # manifest, "Service manager / head mechanic" in the survey, qa173: neither was the role asked about)
    held = [f for f in named if all(of_family(other, f) for other in named)]
    return named.pop() if len(named) == 1 else held[0] if len(held) == 1 else None


_JOINERS = frozenset(["and", "of", "the", "for", "or"])


def asked_accounts(question: str, accounts: Sequence[Account]) -> tuple[set[str], str]:
    """The ids of the accounts a question names by their name (legal suffix aside: "Atlas Global Risk" of "Atlas
    Global Risk LLC"), a name of two words or more, or one capitalised word no English word is; and the question
    with those names blanked."""
    found: set[str] = set()
    blanked = question
    # (read as names are keyed: "Pereira & Lang CPAs" is "pereira and lang cpas", qa300: the account was no one's)
    spaced = f" {written_key(question)} "
    for account in accounts:
        words = re.findall(r"[\w&'’-]+", account_key(account.name or ""))
        if not words or (len(words) == 1 and (len(words[0]) < 5 or words[0] in vocabulary_words())):
            continue
        if f" {' '.join(words)} " in spaced:
            found.add(account.account_id)
            pattern = r"\W+".join(r"(?:and|&)" if w == "and" else re.escape(w) for w in words)
            blanked = re.sub(rf"(?i)\b{pattern}\b(\W+(inc|llc|ltd|co|corp|group)\b\.?)?", " ", blanked)
    if not found:
        # ... or by its first two words or more, said with their capitals, when one account's name opens so ("Why did
        # Shear Bliss leave?" of "Shear Bliss Dog Grooming", qa264: answered from every churned account)
        # (or by its first word alone, past the question's first, when no English word is that: "Why did Ironwood
        # leave?" of "Ironwood Climbing", qa272: answered from every churned account)
        for run in re.finditer(r"\b[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*)*", question):
            said = re.findall(r"[\w&'’-]+", run.group(0).casefold())
            if len(said) == 1 and (
                run.start() == 0 or len(said[0]) < 5 or said[0] in vocabulary_words() or not said[0].isalpha()
            ):
                continue
            opening = [
                a.account_id
                for a in accounts
                if re.findall(r"[\w&'’-]+", account_key(a.name or ""))[: len(said)] == said
            ]
            if len(set(opening)) == 1:
                found |= set(opening)
                blanked = blanked.replace(run.group(0), " ")
    return found, blanked


def asked_speakers(question: str, speakers: Iterable[str]) -> frozenset[str]:
    """The speakers a question names: a speaker's whole name, word endings aside ("Industrial Design" names
    "Industrial Designer"), or a person's first name written with its capital ("Why did Dana pick us?") that no
    other speaker shares. A label that names no one ("Respondent", "Speaker 2") is never named."""
    question = re.sub(r"['’]s?\b", "", question)  # "Why did Aisha's team not buy?" names Aisha
    asked = [_stem(w) for w in re.findall(r"\w+", question.lower())]
    capitalised = set(re.findall(r"\b[A-Z]\w+", question))
    named: set[str] = set()
    first_names: dict[str, set[str]] = {}
    for speaker in set(speakers):
        words = normalise_name(speaker).split()
        if not words or " ".join(words) in CUSTOMER_LABELS or _UNNAMED.fullmatch(" ".join(words)):
            continue
        stems = [_stem(w) for w in words]
        if any(asked[i : i + len(stems)] == stems for i in range(len(asked) - len(stems) + 1)):
            named.add(speaker)
        if len(words) > 1 and words[0].isalpha() and len(words[0]) > 2:
            first_names.setdefault(words[0], set()).add(speaker)
    for word in capitalised:
        owners = first_names.get(word.lower(), set())
        if len(owners) == 1:
            named |= owners
    return frozenset(named)


def asked_products(
    question: str, index: StatementIndex, candidates: Sequence[int]
) -> tuple[list[str], frozenset[int]]:
    """The products customers say they weighed that the question names (whole words, any case; "FreightPay"
    names "FreightPay One" and back), and the candidate statements that name any of them."""
    # a person or a role is no product ("better than Industrial Designer" names a meeting's speaker)
    people = {normalise_name(index.units[i].speaker) for i in candidates}
    names = [n for n, _ in index.weighed_names if normalise_name(n) not in people and not find_titles(n)]
    asked = [
        n
        for n in names
        if name_pattern(n).search(question)
        or ((said := _first_words(question, n)) and name_pattern(said).search(n))
    ]
    if not asked and _CHOSE_IT_OVER_US.search(question):
        # a rival asked about by its name, named as weighed in no statement but in some ("Carlos liked the
        # ServiceTitan pricebook thing", qa239: "Why do prospects choose ServiceTitan over us?" was answered as why
        # customers bought): a capitalised word the question says, not its first, not ours, nor a person's
        own = index.own_product
        capitalised = [
            w
            for w in re.findall(r"(?<=\s)[A-Z][\w&'-]*[a-z0-9][\w&'-]*", question)
            if normalise_name(w) not in people and not (own and own.fullmatch(w)) and not find_titles(w)
        ]
        asked = [
            w for w in capitalised if any(name_pattern(w).search(index.units[i].text) for i in candidates)
        ]
    if not asked:
        return [], frozenset()
    pattern = _naming(asked)
    return asked, frozenset(i for i in candidates if pattern.search(index.units[i].text))


# a word spelled as no English word is, a capital or a digit inside it: "HearTrack", "BondPro", "Ops360"
_COINED = re.compile(r"^[A-Za-z][a-z]+([A-Z]|\d)\w*$")


def _naming(products: Sequence[str]) -> re.Pattern[str]:
    """Any of the products named as a whole word in any case, the longest first, a coined first word alone too:
    "HearTrack was about thirty percent cheaper" (qa201: the one answer saying why a lost deal chose "HearTrack
    Pro" was not read as naming it)."""
    coined = [n.split()[0] for n in products if len(n.split()) > 1 and _COINED.match(n.split()[0])]
    names = sorted([*products, *coined], key=len, reverse=True)
    return re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, names)) + r")(?![\w])", re.IGNORECASE)


def _first_words(question: str, name: str) -> str:
    """The capitalised run of words in the question that opens like the name's first word ("FreightPay One")."""
    first = name.split()[0]
    found = re.search(
        rf"(?<![\w.]){re.escape(first)}(?![\w])(?:\s+[A-Z0-9][\w&'-]*){{0,2}}", question, re.IGNORECASE
    )
    # (a word of English the question writes small is no name: "campground owners" of "Campground Master", qa243)
    if not found or (found.group(0).islower() and len(name.split()) > 1 and not _COINED.match(first)):
        return ""
    return found.group(0)


# "Why did prospects choose X over us?", "Why do districts pick X instead of us?", "What makes them go with X?"
# (not "Why did customers choose us over Spendwell?", which asks why we won)
_CHOSE_IT_OVER_US = re.compile(
    r"\b(choos|chose|pick|go(es|ing)? with|went with|prefer|switch(ed)? to|mov(e|ed|ing) to|sign(ed)? with|buy|"
    r"bought)\w*\s+(?!(from |with )?(us|you|we)\b)[^?]*?\b(over|instead of|rather than)\b|"
    r"\b(lose|lost|losing)\b.*\bto\b",
    re.IGNORECASE,
)
_LOST_TO_A_RIVAL = Intent("loss", ("loss_reason", "churn_reason", "alternative"), ("lost", "churned"))


def _without_names(question: str, speakers: Iterable[str]) -> str:
    """The question without the words of the speakers' names it holds (and their possessive)."""
    words = {w for speaker in speakers for w in normalise_name(speaker).split() if len(w) > 1}
    if not words:
        return question
    named = re.compile(
        r"\b(" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")(['’]s)?\b", re.I
    )
    return " ".join(named.sub(" ", question).split()) or question


# a speaker label a transcription tool gives someone it could not name
_UNNAMED = re.compile(r"(?:speaker|unknown|unknown speaker|spk|person|participant|guest)(?: \w{1,3})?")


def of_family(role: str | None, family: str) -> bool:
    """Whether a source's role family is the one asked about, or names it as one of its alternatives (a survey's
    "Area/District Manager" is an "Area Manager", its "QA / Compliance" a "QA"; qa31: 16 area managers unseen)."""
    if role is None or role == family:
        return role is not None
    head = re.fullmatch(r"(.+?)\s*/\s*(.+?)\s+(\w+)", role)
    alternatives = {p.strip() for p in re.split(r"/| or ", role, flags=re.IGNORECASE)}
    if head and " " not in head.group(1):  # "Area/District Manager": each alternative with the head noun
        alternatives |= {f"{head.group(1)} {head.group(3)}", f"{head.group(2)} {head.group(3)}"}
    # ... and a survey's area of several alternatives holds the people of one's rank ("Billing / Revenue Cycle" holds
    # the billing managers, qa152: 21 such respondents were not theirs)
    function = _RANK.sub("", family)
    return family in alternatives or (
        len(alternatives) > 1 and function != family and function in alternatives
    )


_RANK = re.compile(
    r"\s+(manager|director|lead|specialist|coordinator|supervisor|administrator)s?$", re.IGNORECASE
)


def _words(label: str) -> set[str]:
    """A label's words, lower-cased, of three letters or more ("retail", "lumber", "yard" of "Retail Lumber Yard")."""
    return {w.casefold() for w in re.findall(r"[A-Za-z]{3,}", label)}


def _said_words(label: str, question: str) -> set[str]:
    """The words of a label (``_words``) the question says, as they are or in the plural."""
    asked = {w.casefold() for w in re.findall(r"[A-Za-z]+", question)}
    return {w for w in _words(label) if w in asked or f"{w}s" in asked or f"{w}es" in asked}


def _names_of(family: str) -> set[str]:
    """The names of the titles of a role family ("CEO", "Owner" of "CEO / Owner") and of the family itself."""
    titles = [title for title, of in ROLE_FAMILY.items() if of == family] + [family]
    # (a survey's "Veterinarian or Vet Tech" is named by either, qa211: "What do veterinarians care about?" found none
    # of its 23 respondents)
    return {part for title in titles for part in _alternatives(title) if len(part) > 2}


_EITHER = re.compile(r" / | or ", re.IGNORECASE)  # between alternatives a stated role offers


def _alternatives(title: str) -> list[str]:
    """The titles a stated role offers: "Veterinarian or Vet Tech" is either; a word before a slash shares the rank
    the last alternative ends in ("Farm / Production Manager" is a "Farm Manager", qa258: "What do shrimp farms care
    about?" was answered from that role alone)."""
    parts = [part.strip() for part in _EITHER.split(title)]
    last = parts[-1].split()
    if len(parts) > 1 and " / " in title and len(last) > 1 and last[-1].casefold() in _RANKS:
        return [f"{part} {last[-1]}" if len(part.split()) == 1 else part for part in parts[:-1]] + [parts[-1]]
    return parts


_RANKS = frozenset(
    ["manager", "director", "lead", "supervisor", "coordinator", "officer", "head", "specialist"]
)


def _of_group(
    accounts: Sequence[Account],
    index: StatementIndex,
    candidates: Sequence[int],
    wanted: Mapping[str, set[str]],
    of_industry: Collection[str],
    *,
    group: str = "",
    grouped: bool,
) -> tuple[list[Account], str]:
    """The accounts of the group a question (``grouped``: its industry's accounts, ``of_industry``) or the filters
    (``wanted``) name: those whose people the answer draws on (``candidates``), and those of the industry, or whose
    CRM record holds every filter's value (segment in its industry, size in its head count, outcome, id; a role or a
    kind of source only its people can have), or whose industry holds every word of the segment ``group`` people
    state; all of them, and no words, when none is named."""
    if not (wanted or grouped):
        return list(accounts), ""
    spoke = {index.units[i].account_id for i in candidates if index.units[i].account_id}
    checks = {
        "segment": lambda a, accepted: (
            bool(a.industry) and (a.industry.lower() in accepted or _holds_words(a.industry, accepted))
        ),
        "size": lambda a, accepted: _in_size(a.employees, accepted),
        "outcome": lambda a, accepted: (a.outcome or "") in accepted,
        "account_id": lambda a, accepted: a.account_id.lower() in accepted or a.account_id in accepted,
        "region": lambda a, accepted: bool(a.region) and a.region.lower() in accepted,
    }
    keyed = {key: accepted for key, accepted in wanted.items() if accepted}

    def on_record(account: Account) -> bool:
        return (
            bool(keyed) and set(keyed) <= set(checks) and all(checks[k](account, v) for k, v in keyed.items())
        )

    def of_the_segment(account: Account) -> bool:
        return bool(group and account.industry and _holds_words(account.industry, {_stem(group.lower())}))

    theirs = [
        a
        for a in accounts
        if a.account_id in spoke or a.account_id in of_industry or on_record(a) or of_the_segment(a)
    ]
    return theirs, " for the accounts of the group asked about"


def _of_speakers(
    accounts: Sequence[Account], index: StatementIndex, speakers: Collection[str]
) -> list[Account]:
    """The accounts of the people a question names ("Why did Gino leave?"): theirs is the CRM's record that speaks
    to it, not every churned account's (qa124: the reasons of all 20 churned accounts, led by another's acquisition,
    were listed under Gino's name); every account when it names nobody."""
    if not speakers:
        return list(accounts)
    theirs = {u.account_id for u in index.units if u.speaker in speakers and u.account_id}
    return [a for a in accounts if a.account_id in theirs]


def _of_rivals(
    accounts: Sequence[Account], index: StatementIndex, products: Sequence[str]
) -> tuple[list[Account], str]:
    """Of the accounts, those of the rivals a question names ("Why do prospects choose HearTrack Pro over us?"): those
    whose CRM record names one ("Went with competitor - HearTrack Pro") or whose people did, and the words saying so;
    all of them when it names none (qa201, qa202, qa205: all twelve recorded reasons followed, "Practice sold" and the
    losses to other rivals among them)."""
    if not products:
        return list(accounts), ""
    named = _naming(products)
    said = {u.account_id for u in index.units if u.account_id and named.search(u.text)}
    theirs = [a for a in accounts if a.account_id in said or any(map(named.search, a.extra.values()))]
    return theirs, f" for the accounts whose record or whose people name {' or '.join(products)}"


def _recorded(
    workspace: Workspace,
    embedder: Embedder,
    intent: Intent | None,
    accounts: Sequence[Account],
    about: str = "",
) -> str:
    """For a question about why accounts left or deals were lost, the reasons the CRM records for them, as the
    profile gives them (a field someone filled in, so told apart from what customers said); else nothing. ``about``
    says which accounts they are, where not all (``_of_rivals``)."""
    if not intent or not intent.outcomes:
        return ""
    alike = reasons_alike(workspace, embedder)
    lines = [
        f"- {reason.value} — {reason.reason}"
        for outcome in intent.outcomes
        for reason in recorded_reasons(accounts, outcome, alike=alike)
    ]
    return (
        f"\nRecorded in the CRM{about} (a field someone filled in, not customers' words):\n"
        + "\n".join(lines)
        if lines
        else ""
    )


def asked_group(
    question: str, accounts: Sequence[Account], documents: Iterable[Document]
) -> tuple[tuple[str, set[str]] | None, tuple[str, set[str]] | None]:
    """The CRM industry the question names (``asked_industry``), else the segment respondents and interviewees
    state (``asked_segment``: "Manufacturing" in a survey, where the CRM says "Machinery"), as (industry, segment)
    with one of them None, or both where both are named whole. One named by all its words comes before one named
    by a word before a group of customers: "What do behavioral health practices complain about?" is of the stated
    "Behavioral Health", not of the CRM's "Hospital & Health Care" (qa102; "venture capital firms", qa103)."""
    documents = list(documents)
    for partly in (False, True):
        industry = asked_industry(question, accounts, partly=partly)
        segment = asked_segment(question, documents, partly=partly)
        if not partly:
            # (or another CRM column of kinds, where it names more words than the industry: the accounts of that kind
            # beside those who state it; or the place the CRM records, "schools in Germany", "agencies in Texas")
            for kind in (
                asked_kind(question, accounts),
                asked_region(question, accounts),
                asked_measure(question, accounts),
            ):
                if kind and (not industry or len(_words(kind[0])) > len(_words(industry[0]))):
                    industry = kind
        if industry and segment and not partly:
            # both named whole: the CRM's accounts and the people who state it are one group ("retail lumber yards":
            # 13 respondents of the CRM's "Retail Lumber Yard" accounts, 16 who chose "Retail lumber yard", qa162)
            return industry, segment
        if industry or segment:
            return (industry, None) if industry else (None, segment)
    return None, None


# A CRM column of kinds is one of few values, each held by two accounts or more (an "Agency Type" of three kinds
# among 115 accounts), not a column of names, places or numbers. Closed numbers of judgement, not fitted to data.
KIND_MAX_VALUES = 12
KIND_MIN_ACCOUNTS = 2


_A_JOB = re.compile(r"\b(job ?title|title|role|position|designation|job function)s?\s*$", re.IGNORECASE)


def asked_kind(question: str, accounts: Sequence[Account]) -> tuple[str, set[str]] | None:
    """The value of a CRM column of kinds other than the industry that a question names by all its words ("What do
    Medicare-certified home health agencies care about?" of HubSpot's custom "Agency Type", qa253: answered from
    one survey respondent, none of its 22 accounts), and its accounts: the longest such value, where one is."""
    columns: dict[str, dict[str, set[str]]] = {}
    for account in accounts:
        for column, value in account.extra.items():
            # (a column of products is no kind of customer: "Why do we lose to Mews?" of "Primary Competitor: Mews",
            # qa255, was answered from the accounts that faced it, one survey respondent)
            # (nor a value saying where the account stands with the seller: "Why did customers buy?" of Pipedrive's
            # "Organization - Labels: Customer", qa267, was answered from the 6 accounts so labelled, not all 10)
            if (
                value
                and not re.fullmatch(r"[\d\s.,$%/:+-]+", value)
                and not names_products(column)
                and not says_where_it_stands(value)
                # (nor a column that follows from the sale: "Why did Cypress Termite Co. churn?" of a "Loss Reason:
                # Churn - Price", qa265, was answered from the accounts so recorded, and not from Cypress's interview)
                and not follows_the_sale(column)
                # (nor a column of people: "Why do UK customers churn?" of an owner "Hannah Briggs (UK)", named by
                # its brackets, longer than the region column's "UK", was answered from her accounts alone, a
                # thirty-third-session tester's)
                and not is_person_or_id(column)
                # (nor the contact's job: "What do practice managers worry about?" of Pipedrive's "Person - Job
                # title", qa282: answered from the 3 accounts whose contact is one, not the 23 practice managers)
                and not _A_JOB.search(column)
            ):
                columns.setdefault(column, {}).setdefault(value, set()).add(account.account_id)
    found: list[tuple[int, str, set[str]]] = []
    for values in columns.values():
        if not 2 <= len(values) <= KIND_MAX_VALUES or min(map(len, values.values())) < KIND_MIN_ACCOUNTS:
            continue
        named = _named_once(
            question, [(v, a) for v, ids in values.items() for a in ids], fold=True, partly=False
        )
        if named:
            found.append((len(re.findall(r"[a-z]+", named[0].lower())), *named))
    return max(found, key=lambda f: f[0])[1:] if found else None


# Other names of a place a CRM records: a country's short forms and the adjective said before a group ("UK
# customers", "British schools", "Canadian customers", qa275-qa280: answered from everyone). Closed lists of English,
# not fitted to data; "US" counts only in capitals (not the pronoun).
_PLACE_NAMES = {
    "united kingdom": ("UK", "U.K.", "Britain", "Great Britain", "British"),
    "united states": ("US", "U.S.", "USA", "U.S.A.", "America", "American"),
    "canada": ("Canadian",), "germany": ("German",), "ireland": ("Irish",), "austria": ("Austrian",),
    "spain": ("Spanish",), "france": ("French",), "australia": ("Australian",), "new zealand": ("New Zealander",),
    "netherlands": ("Dutch", "Holland"), "italy": ("Italian",), "switzerland": ("Swiss",), "mexico": ("Mexican",),
    "belgium": ("Belgian",), "sweden": ("Swedish",), "denmark": ("Danish",), "norway": ("Norwegian",),
    "poland": ("Polish",), "portugal": ("Portuguese",), "india": ("Indian",), "scotland": ("Scottish",),
}  # fmt: skip
_ADJECTIVES = frozenset(
    n for names in _PLACE_NAMES.values() for n in names if n.endswith(("ish", "an", "ese", "ss", "ch", "er"))
)


def asked_region(question: str, accounts: Sequence[Account]) -> tuple[str, set[str]] | None:
    """The region the CRM records that a question names, by all its words ("agencies in Texas", "schools in
    Germany") or by another name of it ("UK customers"; "German schools", an adjective only before a group of
    customers, where "German courses" is no place), and its accounts; None when none or several are named."""
    places: dict[str, set[str]] = {}
    for account in accounts:
        if account.region:
            places.setdefault(account.region, set()).add(account.account_id)
    named = []
    for place, ids in places.items():
        names = [place, *_PLACE_NAMES.get(place.casefold(), ())]
        for name in names:
            pattern = re.escape(name) if name.isupper() or "." in name else f"(?i:{re.escape(name)})"
            if name in _ADJECTIVES:
                pattern += rf"\s+(?:\w+\s+)?(?i:{'|'.join(_GROUPS)})\b"
            if re.search(rf"(?<![\w.]){pattern}(?![\w])", question):
                named.append((place, ids))
                break
    return named[0] if len(named) == 1 else None


# A number of something a question says: "with 3 locations", "with 5+ locations", "with more than 3 locations", "with up
# to 2 locations", "single-site" is not read (no number). Closed phrases of English.
_NUMBER_OF = re.compile(
    r"\b(?:(?P<more>more than|over|at least)\s+)?(?:(?P<upto>up to|at most|fewer than|less than|under)\s+)?"
    r"(?P<number>\d[\d,]*)(?P<plus>\+)?\s+(?:or more\s+)?(?P<word>[a-z][a-z-]+)",
    re.IGNORECASE,
)


_HEADCOUNT = frozenset(
    ["employees", "employee", "staff", "people", "person", "headcount", "fte", "ftes", "workers"]
)


def asked_measure(question: str, accounts: Sequence[Account]) -> tuple[str, set[str]] | None:
    """The accounts a question names by a number of something a CRM column of numbers counts ("schools with 3
    locations" of Pipedrive's "Organization - Number of locations", qa279: answered from everyone with no word), as
    (the column and the number said, their ids); None when it names none, or several columns."""
    found = []
    for match in _NUMBER_OF.finditer(question):
        word = match["word"].casefold()
        stems = {word, word[:-1] if word.endswith("s") else word + "s"}
        columns = {
            column
            for account in accounts
            for column, value in account.extra.items()
            if stems & set(normalise_header(column).split()) and re.fullmatch(r"\s*\d[\d,.]*\s*", value or "")
        }
        # (or the head count the CRM records, said as people: "brokerages under 15 employees", qa296: answered from
        # everyone with no word)
        headcount = not columns and word in _HEADCOUNT and any(a.employees is not None for a in accounts)
        if len(columns) != 1 and not headcount:
            continue
        column = "Employees" if headcount else columns.pop()
        number = match["number"].replace(",", "")
        band = (
            f"{int(number) + 1}+" if match["more"] and match["more"].casefold() == "more than"
            else f"{number}+" if match["more"] or match["plus"] or "or more" in match.group(0).casefold()
            else f"up to {int(number) - 1}" if match["upto"] and match["upto"].casefold() in ("fewer than", "less than", "under")
            else f"up to {number}" if match["upto"]
            else number
        )  # fmt: skip
        ids = {
            a.account_id
            for a in accounts
            if in_measure_band(
                str(a.employees) if headcount and a.employees is not None else a.extra.get(column, ""), band
            )
        }
        found.append((f"{column.split(' - ', 1)[-1].strip()} {band}", ids))  # as the profile writes a band
    return found[0] if len(found) == 1 else None


def asked_industry(
    question: str, accounts: Sequence[Account], *, partly: bool = True
) -> tuple[str, set[str]] | None:
    """The CRM industry a question names ("What do food processors care about?" -> Food Processing) and its
    accounts, when exactly one industry's every word is in the question (words compared by their stems); with
    ``partly``, else one named by a word of it before a group of customers ("food companies")."""
    return _named_once(
        question, [(a.industry or "", a.account_id) for a in accounts], fold=False, partly=partly
    )


def asked_segment(
    question: str, documents: Iterable[Document], *, partly: bool = True
) -> tuple[str, set[str]] | None:
    """The industry respondents or interviewees state as their own ("Manufacturing") that a question names ("What do
    manufacturers care about?"), and their documents, when exactly one such segment's every word is in it (with
    ``partly``, as ``asked_industry``)."""
    stated = [(d.metadata.get("segment"), d.doc_id) for d in documents]
    return _named_once(
        question,
        [(segment, doc) for segment, doc in stated if isinstance(segment, str)],
        fold=True,
        partly=partly,
    )


def _named_once(
    question: str, labelled: Sequence[tuple[str, str]], *, fold: bool, partly: bool = True
) -> tuple[str, set[str]] | None:
    """The one label (an industry, a segment) every word of which the question says, as first spelled, with the
    ids labelled so; None when no label or several are named (words compared by their stems). With ``fold``,
    labels differing only in case or spacing are one (what respondents type); else each is as the CRM wrote it.
    With ``partly``, where no label is named whole, the one label a word of which is said before a group of
    customers and is no other label's."""
    asked = re.findall(r"[a-z]+", question.lower())
    # "CROs": a short plural (an acronym's) is its singular too, which _stem leaves alone
    said = {_stem(w) for w in asked} | {w[:-1] for w in asked if len(w) in (3, 4) and w.endswith("s")}
    # a word of a label said before a group of customers ("What do food companies care about?" for "Food &
    # Beverage"), or a word before it ("estate sale companies" for "Estate & Downsizing", qa160): the label's, if no
    # other label has that word and no label is said whole
    grouped = {_stem(w) for w, after in pairwise(asked) if after in _GROUPS} | {
        _stem(w) for w, _, after in zip(asked, asked[1:], asked[2:], strict=False) if after in _GROUPS
    }
    named: dict[str, set[str]] = {}
    partial: dict[str, set[str]] = {}
    spelled: dict[str, str] = {}
    label_words: dict[str, set[str]] = {}
    said_as: dict[str, set[frozenset[str]]] = {}  # the words by which the question names each label
    mostly: dict[str, set[str]] = {}  # the labels named by most of their words (not all of any form)
    for label, key in labelled:
        words = [w for w in re.findall(r"[a-z]+", label.lower()) if w not in FUNCTION_WORDS]
        folded = _folded(label, fold)
        written = " ".join(label.split()) if fold else label  # as first spelled
        label_words[folded] = {_stem(w) for w in words}
        # "Contract Research (CRO)" is named by its words or by what is in its brackets (qa33: "What do CROs care
        # about?" was answered from everyone)
        bracketed = re.fullmatch(r"\s*(.+?)\s*\((.+?)\)\s*", label)
        # ... and "Skilled Nursing / LTC" by either side of its slash (qa52: "What do skilled nursing facilities
        # care about?" was answered from everyone), and "Shrimp - Pond" by its kind before the dash (qa258: "What do
        # shrimp farms care about?" of a CRM's "Farm Type")
        sides = [part for part in re.split(r"\s+/\s+|\s+or\s+|\s+[-–—]\s+", label) if part.strip()]
        forms = [words] + [
            [w for w in re.findall(r"[a-z]+", part.lower()) if w not in FUNCTION_WORDS]
            for part in [*(bracketed.groups() if bracketed else ()), *(sides if len(sides) > 1 else ())]
        ]
        matched = [
            frozenset(map(_stem, form)) for form in forms if form and all(_stem(w) in said for w in form)
        ]
        # ... or by most of its words, two or more ("Medical & Community Interpreting" of "What do medical interpreting
        # agencies care about?", qa208: answered from one interview of the manifest's "Medical / community", none of
        # the CRM's 8 accounts), where the question names no label by all the words of one of its forms (below)
        # (not by the words the question asks with: "care" of "What do agencies care about?" names no "Home Care Agency")
        most = label_words[folded] & said - _ASKING_STEMS
        if not matched and len(most) >= 2 and 2 * len(most) > len(label_words[folded]):
            mostly.setdefault(folded, set()).add(key)
            spelled.setdefault(folded, written)
            said_as.setdefault(folded, set()).add(frozenset(most))
        if matched:
            spelled.setdefault(folded, written)
            named.setdefault(folded, set()).add(key)
            said_as.setdefault(folded, set()).update(matched)
        elif grouped & label_words[folded]:
            spelled.setdefault(folded, written)
            partial.setdefault(folded, set()).add(key)
    named = named or mostly
    for label in list(named):
        # a label of the same words, joined otherwise, is the same group typed in another place ("Medical & community"
        # in the survey beside the manifest's "Medical / community", qa208: its 11 respondents were left out)
        for other, its_words in label_words.items():
            if other != label and other not in named and its_words and its_words == label_words[label]:
                named[label] = named[label] | {key for lab, key in labelled if _folded(lab, fold) == other}
    if len(named) > 1 and len({_band(label) for label in named}) > 1:
        # labels that differ by their numbers are size bands, not one group typed in different places: "1-2 stores"
        # and "3+ stores" are told apart by the number the question says ("single-store cleaners", qa213: answered
        # from every interview, under "3+ stores"), and none is named when it says none
        counts = _numbers_said(question)
        named = {
            label: ids
            for label, ids in named.items()
            if (band := _band(label)) and any(band[0] <= n <= band[1] for n in counts)
        }
    if len(named) > 1:
        # labels the question names by the same words, give or take a word for a group of customers, are one
        # group typed in different places ("Co-packer" in the manifest, "Co-packer / contract manufacturer" in the
        # survey; "Private label" and "Private label manufacturer", qa64: answered from everyone)
        least = min((form for forms in said_as.values() for form in forms), key=len)
        if all(
            any(least <= form and form - least <= _GROUP_STEMS for form in forms)
            for forms in said_as.values()
        ):
            named = {min(named, key=len): set().union(*named.values())}
    if len(named) > 1:
        # ... and so are a label and the shorter ones of two words or more whose words it holds ("Private parking
        # operator" in the survey, "Private operator" in the manifest, qa150: answered from everyone), told by the
        # longest; not a one-word label a longer one qualifies, another group ("Dairy" beside "Dairy cooperative")
        longest = max(named, key=lambda label: len(label_words[label]))
        if all(
            label == longest or (len(label_words[label]) >= 2 and label_words[label] <= label_words[longest])
            for label in named
        ):
            named = {longest: set().union(*named.values())}
    if partly and not named and partial:
        # (one group typed in different places: "Multi-line P&C with crop" in the manifest, "Multi-line P&C agency
        # that writes crop" in the survey, both named by "multi-line agencies", qa109)
        others = set().union(*(w for label, w in label_words.items() if label not in partial))
        shortest = min(partial, key=lambda label: len(label_words[label]))
        # (several only when each holds the shortest's every word: "Food & Beverage" and "Food Processing" are two)
        if all(
            grouped & label_words[label] - others and label_words[shortest] <= label_words[label]
            for label in partial
        ):
            named = {shortest: set().union(*partial.values())}
    return next((spelled[k], ids) for k, ids in named.items()) if len(named) == 1 else None


def _folded(label: str, fold: bool) -> str:
    """A label as _named_once tells labels apart: with ``fold``, regardless of case and spacing."""
    return " ".join(label.split()).casefold() if fold else label


# Numbers said in words, as a question may name a size ("single-store cleaners", "two-location practices").
_NUMBER_WORDS = {
    "single": 1, "one": 1, "solo": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10,
}  # fmt: skip


def _numbers_said(question: str) -> set[float]:
    """The numbers a question says, in digits or in words."""
    words = re.findall(r"[a-z]+|\d+", question.lower())
    return {
        float(w) if w.isdigit() else float(_NUMBER_WORDS[w])
        for w in words
        if w.isdigit() or w in _NUMBER_WORDS
    }


def _band(label: str) -> tuple[float, float] | None:
    """The range of numbers a label names ("1-2 stores" -> (1, 2), "3+ stores" -> (3, inf), "Fewer than 50" -> (0,
    49)), or None when it names none."""
    if found := re.search(r"(\d+)\s*(?:-|–|to)\s*(\d+)", label):
        return float(found[1]), float(found[2])
    if found := re.search(r"(\d+)\s*\+|(\d+) or more", label):
        return float(found[1] or found[2]), float("inf")
    if found := re.search(r"(?:fewer|less) than (\d+)|under (\d+)", label, re.IGNORECASE):
        return 0.0, float(found[1] or found[2]) - 1
    if found := re.search(r"\d+", label):
        return float(found[0]), float(found[0])
    return None


# Nouns that name a group of customers, after the word of their industry ("food companies", "automotive plants").
_GROUPS = frozenset(
    ["companies", "company", "firms", "customers", "clients", "accounts", "businesses", "shops", "plants",
     "manufacturers", "makers", "suppliers", "producers", "brands", "groups", "organizations", "organisations",
     "practices", "clinics", "hospitals", "schools", "districts", "agencies", "stores", "restaurants", "people",
     "buyers", "teams", "folks", "ones", "facilities", "homes", "centers", "centres", "labs", "laboratories",
     "providers", "offices", "operators", "sponsors",
     # public bodies and member groups (qa205: "What do parks and recreation departments care about?" was answered
     # from everyone, not from "Municipal Parks & Recreation", and did not say so)
     "departments", "cities", "municipalities", "towns", "counties", "leagues", "clubs", "associations",
     "dealers", "dealerships", "contractors", "nonprofits", "charities", "churches", "universities", "colleges"]
)  # fmt: skip


def _stem(word: str) -> str:
    """A word without a common English ending: processing, processors -> process; retailers -> retail; devices
    -> device; companies -> company; distribution, distributors -> distribut."""
    if len(word) <= 4:
        return word
    word = re.sub(r"ies$", "y", word)
    word = re.sub(r"([sxz]|ch|sh)es$", r"\1", word)
    word = re.sub(r"(?<!s)s$", "", word)
    # distribution, distributors -> distribut (qa32: "food service distributors" named no "Food Service
    # Distribution" and was answered from four interviews)
    return re.sub(r"(ing|er|or|ion)$", "", word) if len(word) > 4 else word


# the same, as the question's words are compared: "manufacturers" -> "manufactur"
_GROUP_STEMS = frozenset(_stem(group) for group in _GROUPS)


# What a question asks with, whatever group it names (see _ASKS_WHAT_THEY_CARE_ABOUT and _INTENTS).
_ASKING_STEMS = frozenset(
    _stem(w)
    for w in ("care", "cares", "think", "thinks", "want", "wants", "need", "needs", "value", "values", "say", "says",
              "like", "struggle", "struggles", "matter", "matters", "worry", "worries", "complain", "buy", "bought",
              "choose", "chose", "leave", "left", "churn", "lose", "lost", "pick", "picked", "about", "customers")
)  # fmt: skip


def detect_intent(question: str) -> Intent | None:
    """The part of buying a question asks about, or None for an open question."""
    for pattern, intent in _INTENTS:
        if re.search(pattern, question, re.IGNORECASE):
            return intent
    return None


def to_json(answer: Answer) -> dict[str, object]:
    """The answer as plain JSON: answer, citations (document, speaker, start, end, quote), themes, thin."""
    return {
        "answer": answer.answer,
        "citations": [
            {"document": c.document, "speaker": c.speaker, "start": c.start, "end": c.end, "quote": c.quote}
            for c in answer.citations
        ],
        "themes": answer.themes,
        "thin": answer.thin,
    }


# --- filtering


def _parse_filters(filters: Mapping[str, str]) -> dict[str, set[str]]:
    """Filter key -> accepted values (lower case); 'outcome=churned,lost' accepts either."""
    unknown = sorted(set(filters) - set(FILTER_KEYS))
    if unknown:
        raise ConfigError(
            f"Unknown filter {', '.join(map(repr, unknown))}: use one of {', '.join(FILTER_KEYS)} "
            "(e.g. --filter segment=mid-market or --filter size=50-199)."
        )
    # a value may hold a comma of its own ("segment=Arts, Culture & Humanities"): it is accepted whole too
    wanted = {
        k: set(_sizes(str(value)) if k == "size" else _values(str(value)))
        | ({str(value).strip().lower()} if k in WORDED_FILTERS else set())
        for k, value in filters.items()
    }
    # an outcome no account can have matches nothing: said so, not told as thin evidence (qa266: "outcome=gone")
    if unknown_outcomes := sorted(wanted.get("outcome", set()) - set(get_args(Outcome))):
        raise ConfigError(
            f"Unknown outcome {', '.join(map(repr, unknown_outcomes))}: use {', '.join(get_args(Outcome))} "
            "(e.g. --filter outcome=churned,lost)."
        )
    return wanted


def _values(value: str) -> list[str]:
    """'churned,lost' -> both."""
    return [v.strip() for v in value.strip().lower().split(",") if v.strip()]


# A headcount band as the profile writes it: one of the usual bands, or where the accounts parted ("28+", "up to
# 27", "20-149"), with or without thousands separators. Several are listed with commas ("1,000-4,999,5,000+").
_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
_SIZE = re.compile(rf"up to (?:{_NUMBER})|(?:{_NUMBER})(?:\s*-\s*(?:{_NUMBER})|\+)")


def _sizes(value: str) -> list[str]:
    """The headcount bands a size filter names; ConfigError if anything else is in it."""
    text = value.strip().lower()
    found = [re.sub(r"\s*-\s*", "-", m.group()) for m in _SIZE.finditer(text)]
    rest = _SIZE.sub(",", text)
    if not found or rest.replace(",", "").strip():
        raise ConfigError(
            f"Unknown size band in {value!r}: size is the account's head count, as a band such as 28+, up to 27, "
            f"20-149 or one of {', '.join(EMPLOYEE_BAND_LABELS)}."
        )
    return found


def _size_told(wanted: Mapping[str, set[str]], index: StatementIndex) -> str:
    """What a size filter that matched nothing reads (qa292: "--filter size=840+", a band of the profile's
    "Student Enrollment", was read as head count and matched nothing, unsaid)."""
    if "size" not in wanted:
        return ""
    counts = sorted({c for c in index.headcounts.values() if c is not None})
    known = (
        f"the head counts the CRM records run from {counts[0]:,} to {counts[-1]:,}"
        if counts
        else "the CRM records no head count of any account interviewed or surveyed"
    )
    return (
        f" (size is the account's head count, and {known}; for another measure, such as a band the profile "
        "shows of it, ask in words, naming the measure and the number)"
    )


def _in_size(count: int | None, bands: set[str]) -> bool:
    return count is not None and any(in_measure_band(str(count), band) for band in bands)


def _matches(
    unit: Unit,
    index: StatementIndex,
    wanted: Mapping[str, set[str]],
    regions: Mapping[str, str | None] | None = None,
) -> bool:
    document = index.documents[unit.doc_id]
    values = {
        "account_id": unit.account_id,
        "kind": unit.kind,
        "outcome": index.outcomes.get(unit.doc_id),
        "region": (regions or {}).get(unit.account_id or ""),
        "role": document.metadata.get("role"),
        "segment": document.metadata.get("segment"),
    }
    if "size" in wanted and not _in_size(index.headcounts.get(unit.doc_id), wanted["size"]):
        return False
    # A document that does not state a value does not match a filter on it (a survey with no industry question
    # carries no segment). A segment or role matches a value whose words it holds: "segment=Logistics" is
    # "Logistics & Transportation" too, "role=Operations" a "VP of Operations".
    return all(
        str(values[key]).lower() in accepted
        or (key in WORDED_FILTERS and values[key] is not None and _holds_words(str(values[key]), accepted))
        for key, accepted in wanted.items()
        if accepted and key != "size"
    )


def _holds_words(value: str, accepted: set[str]) -> bool:
    """Whether every word of one accepted value is a word of the value (case and punctuation aside)."""
    words = set(re.findall(r"\w+", value.lower()))
    return any((wanted := set(re.findall(r"\w+", a))) and wanted <= words for a in accepted)


def _headcount(document: Document, accounts: Mapping[str, Account]) -> int | None:
    """The head count of the document's account (from the CRM, else its own 'employees' field)."""
    account = accounts.get(document.account_id or "")
    employees = account.employees if account and account.employees is not None else None
    stated = document.metadata.get("employees")
    if employees is None and isinstance(stated, int | float) and not isinstance(stated, bool):
        employees = int(stated)
    elif employees is None and isinstance(stated, str) and stated.replace(",", "").strip().isdigit():
        employees = int(stated.replace(",", ""))
    return employees if employees is not None and employees >= 0 else None


def _describe(wanted: Mapping[str, set[str]]) -> str:
    return " ".join(f"{k}={','.join(sorted(v))}" for k, v in sorted(wanted.items())) or "the question"


# --- the statement index


def _word_counts(texts: Sequence[str]) -> tuple[CountVectorizer | None, Any]:
    if not texts:
        return None, None
    vectorizer = CountVectorizer(stop_words=list(ENGLISH_STOP_WORDS))
    try:
        return vectorizer, vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # only stop words
        return None, None


def _turns(
    units: Sequence[Unit], vectors: np.ndarray, documents: Mapping[str, Document]
) -> tuple[np.ndarray, list[tuple[str, int]], np.ndarray, np.ndarray, list[str]]:
    """Each statement's turn, the turns' mean vectors, the ±1-turn windows' mean vectors, the turns' texts."""
    keys: dict[tuple[str, int], int] = {}
    turn_of = np.zeros(len(units), dtype=np.int64)
    starts = {d: [t.start for t in doc.turns] for d, doc in documents.items()}
    for i, unit in enumerate(units):
        number = bisect.bisect_right(starts[unit.doc_id], unit.start) - 1
        turn_of[i] = keys.setdefault((unit.doc_id, number), len(keys))
    dims = vectors.shape[1] if vectors.ndim == 2 else 0
    sums = np.zeros((len(keys), dims), dtype=np.float64)
    if len(units):  # every turn row has a statement, so its segment of the sorted rows is never empty
        order = np.argsort(turn_of, kind="stable")
        first = np.searchsorted(turn_of[order], np.arange(len(keys)))
        sums = np.add.reduceat(vectors[order].astype(np.float64), first, axis=0)
    texts = [""] * len(keys)
    for i, unit in enumerate(units):
        texts[turn_of[i]] += unit.text + " "
    windows = sums.copy()
    for (doc_id, number), row in keys.items():
        if documents[doc_id].kind != "interview":
            continue  # a respondent's other answers are answers to other questions, not a discussion
        for neighbour in (number - 1, number + 1):
            other = keys.get((doc_id, neighbour))
            if other is not None:
                windows[row] += sums[other]
    return turn_of, list(keys), _normalised(sums), _normalised(windows), texts


def _normalised(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.where(norms > 0, norms, 1.0)).astype(np.float32)


# --- ranking


def _rank(
    index: StatementIndex,
    embedder: Embedder,
    question: str,
    intent: Intent | None,
    candidates: list[int],
    family: str | None = None,
    speakers: frozenset[str] = frozenset(),
    naming: frozenset[int] = frozenset(),
) -> tuple[list[int], set[int]]:
    """Every candidate best first by reciprocal-rank fusion, and those relevant enough to count as sources."""
    rows = np.asarray(candidates)
    # a speaker the question names says whose words lead, not what they are about: "What does Elena say about
    # leaving?" is ranked by "leaving", else her "Please, Elena is fine" matches best (qa29)
    question = _without_names(question, speakers)
    query = embedder.embed([question])[0]
    sentence = index.vectors[rows] @ query
    turns = index.turn_of[rows]
    unique, inverse = np.unique(turns, return_inverse=True)
    rankings = {
        "sentence": sentence,
        "turn": (index.turn_vectors[unique] @ query)[inverse],
        "window": (index.window_vectors[unique] @ query)[inverse],
        "keyword": index.keyword_scores(question, unique)[inverse],
    }
    relevant = set(rows[sentence >= SIMILARITY].tolist())
    if intent:
        of_facet = {i for i in candidates if set(index.facets.assigned[i]) & set(intent.facets)}
        columns = np.asarray([FACETS.index(f) for f in intent.facets])
        if len(of_facet) >= MIN_FACET_STATEMENTS:
            rankings["facet"] = index.facets.scores[np.ix_(rows, columns)].max(axis=1)
        relevant |= of_facet
    fused = np.zeros(len(rows))
    for name, scores in rankings.items():
        fused += WEIGHTS[name] / (RRF_K + _rank_of(scores))
    if intent and (intent.outcomes or intent.prefer):
        wanted = intent.outcomes or intent.prefer
        about = np.asarray([index.outcomes.get(index.units[i].doc_id) in wanted for i in candidates])
        # (a preference weighs half: the others' statements still answer the question)
        fused += about * OUTCOME_WEIGHT * (1.0 if intent.outcomes else 0.5) / (RRF_K + 1)
    if family:
        # "What do CFOs worry about?": statements of people of that role lead, as an intent's outcome's do
        mine = np.asarray([of_family(index.role_families[i], family) for i in candidates])
        fused += mine * OUTCOME_WEIGHT / (RRF_K + 1)
    if speakers:
        # "Why did Dana pick us?": what the person named said leads, as a role's statements do
        theirs = np.asarray([index.units[i].speaker in speakers for i in candidates])
        fused += theirs * OUTCOME_WEIGHT / (RRF_K + 1)
    if naming:
        # "Why did they choose Kestrel over us?": statements naming the rival lead, and each speaks to the question
        theirs = np.asarray([i in naming for i in candidates])
        fused += theirs * OUTCOME_WEIGHT / (RRF_K + 1)
        relevant |= set(naming) & set(candidates)
    if ASKS_FOR_A_COMPLAINT.search(question):
        # "What do customers complain about?": answers to a question that asked for a complaint lead, as
        # statements of an intent's outcome do, and each speaks to the question
        asked = index.answers_a_complaint_question[rows]
        fused += asked * OUTCOME_WEIGHT / (RRF_K + 1)
        relevant |= set(rows[asked].tolist())
    ranked = [int(rows[i]) for i in np.argsort(-fused, kind="stable")]
    return ranked, relevant


def _rank_of(scores: np.ndarray) -> np.ndarray:
    """1 for the highest score; ties share the best rank of their group (scipy's rankdata 'min', reversed)."""
    return np.searchsorted(np.sort(-scores), -scores, side="left") + 1


def _diverse(
    index: StatementIndex,
    ranked: Sequence[int],
    top: int,
    first: set[int] | None = None,
    *,
    mix: set[int] | None = None,
) -> list[int]:
    """Up to ``top`` statements: each document's best first, then each stretch of turns', no quote twice; the
    statements in ``first`` (a speaker the question names) are so ordered and cited before the rest. With ``mix``
    (the statements that speak to the question), interviews and survey answers take turns among each document's
    best, the best of each kind among ``mix`` included, so a hundred respondents' one-line
    answers do not push every interview out of the first citations (qa37, qa39, qa40, qa42: "Across 8 of 8
    interviews" over five survey answers)."""
    seen_documents: set[str] = set()
    seen_turns: set[tuple[str, int]] = set()
    ordered: list[int] = []
    for group in (
        ([i for i in ranked if i in first], [i for i in ranked if i not in first]) if first else (ranked,)
    ):
        tiers: list[list[int]] = [[], [], []]
        for i in group:
            unit = index.units[i]
            turn = index.turn_keys[index.turn_of[i]]
            tier = 0 if unit.doc_id not in seen_documents else 1 if turn not in seen_turns else 2
            tiers[tier].append(i)
            seen_documents.add(unit.doc_id)
            if tier < 2:  # the stretch of discussion around a cited turn is cited once before seconds
                seen_turns.update((turn[0], turn[1] + step) for step in range(-STRETCH, STRETCH + 1))
            if len(tiers[0]) >= 2 * top:
                break
        if mix:
            # the best statement that speaks to the question of a kind the first documents lack
            kinds = {index.units[i].kind for i in tiers[0]}
            speaking = [i for i in group if i in mix]
            tiers[0] += [
                next(i for i in speaking if index.units[i].kind == kind)
                for kind in {index.units[i].kind for i in speaking} - kinds
            ]
            tiers[0] = _by_kind_in_turn(index, tiers[0])
        ordered += [i for tier in tiers for i in tier]
    chosen: list[int] = []
    said: list[str] = []
    for i in ordered:
        text = f" {wording(index.units[i].text)} "  # space-padded, so words match whole
        vector = index.vectors[i]
        unit = index.units[i]
        if (
            any(_says_again(text, other) for other in said)
            or any(float(index.vectors[j] @ vector) >= DUPLICATE for j in chosen)
            # (or the same words of the same document, within a longer quote of them, whatever its share: chars
            # 321-429 and 321-475, qa303)
            or any(_nested(unit, index.units[j]) for j in chosen)
        ):
            continue
        said.append(text)
        chosen.append(i)
        if len(chosen) == top:
            break
    return chosen


def _by_kind_in_turn(index: StatementIndex, rows: Sequence[int]) -> list[int]:
    """The rows with interviews and survey answers taking turns, each kind in its own order."""
    kinds: dict[str, list[int]] = {}
    for i in rows:
        kinds.setdefault(index.units[i].kind, []).append(i)
    if len(kinds) < 2:
        return list(rows)
    queues = [list(q) for q in sorted(kinds.values(), key=lambda q: rows.index(q[0]))]
    mixed: list[int] = []
    while any(queues):
        for queue in queues:
            if queue:
                mixed.append(queue.pop(0))
    return mixed


def _nested(unit: Unit, other: Unit) -> bool:
    """Whether one statement's span of its document lies within the other's."""
    # (as quoted: with the sentence before it that it points back to, its lead)
    start, end = unit.start - len(unit.lead), unit.end
    other_start, other_end = other.start - len(other.lead), other.end
    return unit.doc_id == other.doc_id and (
        (other_start <= start and end <= other_end) or (start <= other_start and other_end <= end)
    )


def _says_again(text: str, other: str) -> bool:
    """Whether the shorter quote's words (space-padded, lower case) run whole inside the longer's and make
    up at least ``SAID_AGAIN`` of it: the same quote with a few words around it ("the cost, honestly" and
    "two things: the cost, honestly"), not a word that recurs in longer statements ("yeah")."""
    short, long = sorted((text, other), key=len)
    if short in long and len(short.split()) >= SAID_AGAIN * len(long.split()):
        return True
    # or the same words typed again with a slip or two ("...another esrver" and "...another server", qa39: one
    # answer cited three times over)
    return difflib.SequenceMatcher(None, short, long, autojunk=False).ratio() >= RETYPED


def _verified(index: StatementIndex, chosen: Sequence[int]) -> list[Evidence]:
    evidence = [index.units[i].evidence() for i in chosen]
    return [e for e in evidence if is_verbatim(e, index.documents.get(e.document))]


# --- the extractive answer


def _themes(
    index: StatementIndex, pool: Sequence[int], intent: Intent | None = None, *, rest: Sequence[int] = ()
) -> list[tuple[str, int, list[int]]]:
    """Clusters of the pool as (label, distinct sources, members), most sources first. For a question about
    accounts that left or deals that were lost, what those accounts said leads, and one of them is enough to
    show a reason (as on the profile: few accounts churn or are lost, and each one's reason matters).

    The ``rest`` of the relevant statements, beyond the pool clustered, join the cluster whose centre they lie
    within CLUSTER_DISTANCE of, so a line counts every source that says it, not only those ranked in the pool
    (qa148, qa151: "The ordering portal (19 survey respondents)" where the profile's theme had 47)."""
    if not pool:
        return []
    groups = cluster_members(index.vectors, pool, distance=CLUSTER_DISTANCE) or [list(pool)]
    if rest and groups:
        similar = index.vectors[list(rest)] @ theme_centroids(index.vectors, groups).T
        nearest, closeness = similar.argmax(axis=1), similar.max(axis=1)
        for i, group, close in zip(rest, nearest, closeness, strict=True):
            if 1.0 - float(close) <= CLUSTER_DISTANCE:
                groups[int(group)].append(i)
    wanted = set(intent.outcomes) if intent else set()
    position = {i: n for n, i in enumerate(pool)}
    scored = []  # (group, distinct sources, of them from the accounts the question is about)
    for group in groups:
        documents = {index.units[i].doc_id for i in group}
        scored.append((group, len(documents), sum(index.outcomes.get(d) in wanted for d in documents)))
    scored.sort(key=lambda g: (-g[2], -g[1], position[g[0][0]]))
    if intent and set(intent.facets) & set(REASON_FACETS):
        # one account's story is one line before it is two: "Why did customers churn?" was four lines of one account's
        # exit call, the other churned account's acquisition only a citation (qa302, qa303)
        told: set[str] = set()
        firsts: list[tuple[list[int], int, int]] = []
        seconds: list[tuple[list[int], int, int]] = []
        for g in scored:
            documents = {index.units[i].doc_id for i in g[0]}
            (seconds if g[1] == 1 and documents <= told else firsts).append(g)
            told |= documents
        scored = firsts + seconds
    recurring = ([g[:2] for g in scored if g[1] >= 2 or g[2]] or [scored[0][:2]])[:MAX_THEMES]
    # Plain phrases from the statements themselves, as theme labels are (never a list of keywords); a reason to
    # leave or to choose another named, as on the profile, by what the story turns to, never the praise before the
    # turn (qa289: "I liked TenantLoop's tenant texting better (1 interview)" answered "why did we lose deals?")
    texts = [[index.units[i].text for i in group] for group, _ in recurring]
    if intent and set(intent.facets) & set(REASON_FACETS):
        texts = [[t for t in map(told_after_the_turn, said) if t] or said for said in texts]
    labels = label_themes(texts, [index.units[i].text for i in pool])
    return [(label, n, g) for label, (g, n) in zip(labels, recurring, strict=True)]


# The decision act a "who …" question names; its groups lead the answer.
_ASKED_ACTS: tuple[tuple[str, DecisionRole], ...] = (
    (r"sign|budget|pa(id|y)|final (say|call)", "economic_buyer"),
    # (pushing back is resistance, not championing: "Who blocked or pushed back on the deal?", qa312: the champions)
    (r"champion|drove|drive|\bran\b|\blead|\bled\b|sponsor|push(?!(ed|es|ing)? ?back)", "champion"),
    (r"approv|green.?light", "approver"),
    # (IT written so, not "it": "Who pushed for it?" asks for no evaluator)
    (r"evaluat|review|security|(?-i:\bIT\b)|technical|\bvet", "technical_evaluator"),
    (
        r"block|stall|slow|veto|stop|held (it |things |the deal )?up|hold(s|ing)? (it |things |the deal )?up|"
        r"push(ed|es|ing)? ?back",
        "blocker",
    ),
)


def asked_acts(question: str) -> set[DecisionRole]:
    """The parts of buying a "who …" question names by their act ("Who blocked it?": the blocker)."""
    return {part for pattern, part in _ASKED_ACTS if re.search(pattern, question, re.IGNORECASE)}


def _decision_acts(
    index: StatementIndex, pool: Sequence[int], question: str, family: str | None = None
) -> tuple[list[tuple[str, int, list[int]]], int, set[int]]:
    """For "who signs off / champions …": the statements in which a titled person does a decision act, grouped
    as the committee is ("CFO — economic buyer (signs off)"), the act the question names first, then most
    distinct sources; how many groups lead with the named act; and the statements whose every act was no part of
    buying the product (a lost deal's signature, the decision to leave). A mere mention of a title never counts."""
    asked = asked_acts(question)
    groups: dict[str, list[int]] = {}
    parts: dict[str, DecisionRole] = {}
    theirs: dict[str, bool] = {}  # whether the act's title is of the role family the question names
    not_in_buying: set[int] = set()
    for i in pool:
        unit = index.units[i]
        after = index.units[i + 1] if i + 1 < len(index.units) else None
        # as the committee reads them (qa57, qa61, qa62: "Who signs the contract?" cited "Our CFO, Priscilla, signed
        # the Keystone contract" of a lost deal)
        before = index.units[i - 1] if i else None
        told = index.decision_acts(i)
        kept = acts_in_buying(told, unit, after, index.outcomes.get(unit.doc_id), before=before)
        if told and not kept:
            not_in_buying.add(i)
        for act in kept:
            label = f"{act.title} — {PART_WORDS[act.part]}"
            groups.setdefault(label, []).append(i)
            parts[label] = act.part
            theirs[label] = ROLE_FAMILY.get(act.title, act.title) == family
    counted = [
        (label, len({index.units[i].doc_id for i in members}), members) for label, members in groups.items()
    ]
    position = {i: n for n, i in enumerate(pool)}
    # the role the question names first ("Did the owner sign?"), then the act it names, then most sources
    counted.sort(
        key=lambda group: (
            not theirs[group[0]],
            parts[group[0]] not in asked,
            -group[1],
            position[group[2][0]],
        )
    )
    return counted, sum(1 for label in groups if parts[label] in asked), not_in_buying


# A question about which products were weighed ("Which competitors come up?", "What alternatives did they
# consider?"), not about what customers did before ("What were they using before?").
_ASKS_WHICH_RIVALS = re.compile(r"\b(competitors?|rivals?|vendors?|competition)\b", re.IGNORECASE)
_ASKS_WHICH_PRODUCTS = re.compile(
    r"competitor|vendor|alternative|compar|look(ed)? at|consider|evaluat|shortlist|"
    r"other (tools|products|options|solutions)|which (tools|products|solutions)",
    re.IGNORECASE,
)


def _weighed(index: StatementIndex, pool: Sequence[int]) -> list[tuple[str, int, list[int]]]:
    """The products customers say they weighed, each with its statements (those among ``pool`` first, in its order,
    then the rest: every one counts, as on the profile, qa232: "Square Appointments (2 interviews)" of the 7 that
    named it) and its distinct sources, named in as many as the profile's competitors are (NAMED_IN); most sources
    first."""
    position = {i: n for n, i in enumerate(pool)}
    named = []
    for name, rows in index.weighed_names:
        members = sorted(rows, key=lambda i: (i not in position, position.get(i, i)))
        sources = len({index.units[i].doc_id for i in members})
        if sources >= NAMED_IN:
            named.append((name, sources, members))
    return sorted(named, key=lambda group: -group[1])


def _rivals_counted(index: StatementIndex, accounts: Sequence[Account]) -> str:
    """The competitors the profile names, each with every count of it (said, ticked in a survey's pick list, recorded
    in the CRM): what the answer's quotes cannot show (qa232, qa235: "Which competitors did they consider?" told
    "AisleOne (5 interviews, 1 survey respondent)" where 12 respondents had ticked it, and no rival ticked alone)."""
    rivals = named_competitors(index.units, index.outcomes, list(index.documents.values()), accounts)
    lines = [f"- {rival.value} — {rival.reason}" for rival in rivals]
    return (
        "\nCounted as the profile counts competitors (said, ticked in a survey, recorded in the CRM):\n"
        + "\n".join(lines)
        if lines
        else ""
    )


def _used_before_ticked(index: StatementIndex, accounts: Sequence[Account]) -> str:
    """The ways of working before the product that survey respondents ticked, as the profile's alternatives count
    them: what the answer's quotes, from interviews, cannot show (qa279: "What did customers use before LinguaDesk?"
    answered "0 of 62 survey respondents" where 45 had ticked Excel and 35 paper registers in that very question)."""
    documents = list(index.documents.values())
    rivals = [rival.value for rival in named_competitors(index.units, index.outcomes, documents, accounts)]
    ticked = status_quo_ticked(documents, index.outcomes, rivals=rivals, own=index.own_product)
    # (and the interviews that name each, asked how the work was done before: "Before StudioCore, how were you
    # handling memberships?" "Mindbody. For like six years.", qa290: 1 interview counted where six named their tool)
    told = [u for u in index.units if u.kind == "interview" and asks_of_the_time_before(u.question or "")]
    lines = []
    for option in ticked:
        names = [n for n in re.split(r"\s*(?:/|\+|,|\bor\b|\band\b)\s*", option.value) if len(n.strip()) >= 3]
        said = re.compile(
            r"(?<![\w-])(?:"
            + "|".join(re.escape(n.strip().rstrip("s")) + "s?" for n in names)
            + r")(?![\w-])",
            re.IGNORECASE,
        )
        interviews = len({u.doc_id for u in told if said.search(u.text)}) if names else 0
        named = (
            f"; named in {interviews} interview{'s' * (interviews != 1)} asked of the time before"
            if interviews
            else ""
        )
        lines.append(f"- {option.value} — {option.reason}{named}")
    return "\nTicked in the survey, as the profile counts alternatives:\n" + "\n".join(lines) if lines else ""


def _of_all(part: int, whole: int) -> str:
    """'all 18' or '5 of these 18 sources': a share of every source counted, whatever its kind."""
    return f"all {whole}" if part >= whole else f"{part} of these {whole} sources"


def _summary(
    index: StatementIndex,
    relevant: set[int],
    candidates: Sequence[int],
    themes: list[tuple[str, int, list[int]]],
    intent: Intent | None,
    family: str | None = None,
    *,
    industry: str | None = None,
    segment: str | None = None,
    speakers: frozenset[str] = frozenset(),
    products: Sequence[str] = (),
) -> str:
    documents = {index.units[i].doc_id for i in relevant}
    # an industry the question named is said first: the counts are of its accounts' (or its people's) sources
    among = (
        f"Among {industry} accounts in the CRM and those whose stated segment is {segment}, across"
        if industry and segment
        else f"Among {industry} accounts in the CRM, across"
        if industry
        else f"Among those whose stated segment is {segment}, across"
        if segment
        else "Across"
    )
    scope = f"{among} {_counted(index, documents, candidates)}"
    if intent and intent.outcomes:
        about = sum(1 for d in documents if index.outcomes.get(d) in intent.outcomes)
        accounts = f"{' or '.join(intent.outcomes)} accounts"
        # of all the sources counted, interviews and respondents together (qa12 read "16 of 112 survey
        # respondents (18 of them ...)" as 18 of the 16)
        scope += (
            f" ({_of_all(about, len(documents))} from {accounts}, ranked first)"
            if about
            else f" (none from {accounts})"
        )
    scope += _ranked_first(index, relevant, candidates, family, speakers, products)
    lines = [f"{scope}, customers most often said:"]
    shown: set[str] = set()
    for label, _, members in themes:
        line = f"- {label} ({_kinds(index, {index.units[i].doc_id for i in members})})"
        unseen = [index.units[i].text for i in members if index.units[i].text not in shown]
        # the statement the label was cut from, so the label and its example agree
        example = next((t for t in unseen if label.casefold() in t.casefold()), unseen[0] if unseen else None)
        if example:  # one statement can show two acts ("Procurement ran the RFP. I was the sponsor."): once
            shown.add(example)
            line += f", e.g. “{_shorten(example)}”"
        lines.append(line)
    return "\n".join(lines)


def _ranked_first(
    index: StatementIndex,
    relevant: set[int],
    candidates: Sequence[int],
    family: str | None,
    speakers: frozenset[str],
    products: Sequence[str] = (),
) -> str:
    """What the answer ranks first because the question names it: a speaker's words, what was said of a rival,
    a role's sources."""
    said = f" (what {_names_of_speakers(speakers)} said ranked first)" if speakers else ""
    if products and not speakers:
        said = f" (what was said of {' and '.join(products)} ranked first)"
    if not family:
        return said
    documents = {index.units[i].doc_id for i in relevant}
    theirs = len({index.units[i].doc_id for i in relevant if of_family(index.role_families[i], family)})
    held = len({index.units[i].doc_id for i in candidates if of_family(index.role_families[i], family)})
    if theirs:
        return f"{said} ({_of_all(theirs, len(documents))} from {family} roles, ranked first)"
    if held:  # qa30: "none from Controller roles" was said over the Controller's own quotes, ranked first
        return f"{said} (none of these from {family} roles; what the {_plural(held, 'source')} of that role said is ranked first)"
    return f"{said} (none from {family} roles)"


def _names_of_speakers(speakers: frozenset[str]) -> str:
    return " and ".join(sorted(speakers))


def _counted(index: StatementIndex, documents: set[str], candidates: Sequence[int]) -> str:
    """'7 of 14 interviews and 22 of 180 survey respondents': sources that speak to it, of those searched."""
    searched = {index.units[i].doc_id for i in candidates}
    parts = []
    for noun, is_interview in (("interview", True), ("survey respondent", False)):
        pool = {d for d in searched if (index.documents[d].kind == "interview") == is_interview}
        if pool:
            found = sum(1 for d in documents if d in pool)
            parts.append(f"{found} of {_plural(len(pool), noun)}")
    return " and ".join(parts)


def _kinds(index: StatementIndex, documents: set[str]) -> str:
    """'2 interviews, 1 survey respondent': the distinct sources a theme line counts, by kind."""
    interviews = sum(1 for d in documents if index.documents[d].kind == "interview")
    respondents = len(documents) - interviews
    parts = [_plural(interviews, "interview")] if interviews else []
    return ", ".join(parts + ([_plural(respondents, "survey respondent")] if respondents else []))


def _too_few(
    index: StatementIndex,
    relevant: set[int],
    candidates: Sequence[int],
    sources: int,
    speakers: frozenset[str] = frozenset(),
) -> str:
    if not sources:  # qa36: "no statement speaks to this" was said over the very person's words, cited first
        first = f", what {_names_of_speakers(speakers)} said first" if speakers else ""
        return f"no customer statement speaks to this (the closest statements are cited{first})"
    documents = {index.units[i].doc_id for i in relevant}
    titles = ", ".join(sorted({index.documents[d].title for d in documents}))
    counted = _counted(index, documents, candidates)
    return (
        f"only {_plural(sources, 'source')} ({counted}) speak{'s' if sources == 1 else ''} to this ({titles})"
    )


def _thin(question: str, citations: list[Evidence], sources: int, why: str) -> Answer:
    text = f"The evidence is thin: {why}. Ingest more interviews or survey answers, or widen the filters."
    return Answer(question=question, answer=text, citations=citations, thin=True, sources=sources)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _shorten(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"
