"""Theme labels in the customers' own words: the phrase from a theme's statements that says what they share."""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from ..embed_onnx import vocabulary_words
from ..privacy.detect import is_person_name
from .lemmas import dictionary_form, every_dictionary_form
from .titles import title_spans
from .units import ABBREVIATIONS, HONORIFICS

# The rules that cut and score labels. Bump it whenever they change: a theme the codebook remembers keeps its
# id, but a label cut by other rules is cut again (otherwise a fix never reaches a workspace built before it).
LABEL_RULES_VERSION = 65
MAX_LABEL_WORDS = 8
MAX_WINDOW_WORDS = (
    6  # sub-phrases of a clause are at most this long; whole clauses may run to MAX_LABEL_WORDS
)
CLAUSE_BONUS = 1.3  # a whole clause says a complete thing; sub-phrases must score this much better (samples/)
# A word one source alone says, where three or more speak in a theme, counts as this share of one source: what the
# theme's people share outweighs one speaker's rare words (set by reasoning; samples/ labels and the NHS label
# fidelity are the same with it, see docs/benchmarks.md)
ONE_SOURCE_SHARE = 0.25
LABEL_MEMBERS = 20  # the most central statements of a theme that labels are cut from (all of them score them)
MISSPELLING_RATIO = 3  # a slip of the keys is rarer than the word it misspells: 3 to 1 at least
MISSPELLING_MIN_SPREAD = 3  # ... which is in at least 3 statements
MISSPELLING_MAX_SPREAD = 2  # ... and a slip is rare: a spelling in 3 or more statements is one people use
MISSPELLING_MIN_LETTERS = 5  # short words one edit apart are often both words ("form"/"from", "cost"/"most")
UNKNOWN_MIN_LETTERS = 4  # ... unless one is no word at all ("hwen" of "when"), which a word list tells
COMMON_TERM_SHARE = 0.3  # a keyphrase term in more than this share of themes is too common to name one
_COMMA = r"(?<!\d),(?!\d)"  # a comma, but not the one inside a number ("1,200 invoices")
# Not the full stop of a short form ("cost vs. what we paid", "from Dr. Harmon", qa320: the labels "Dr" and "I bought
# the practice from Dr"), nor of a dotted one ("GlobalG.A.P. audit", qa104).
_NOT_SHORT = "".join(rf"(?<!\b{a})" for a in ABBREVIATIONS)  # before the stop
_AFTER_NO_SHORT = "".join(rf"(?<!\b{a}\.)" for a in ABBREVIATIONS)  # after it
_CLAUSE = re.compile(
    _NOT_SHORT
    + r"(?<!\be\.g)(?<!\bi\.e)(?<!\.[A-Za-z])[.!?](?=\s|$)|"
    + _COMMA
    + r"|[;:()\[\]\"“”…]|\s[-–—+&/]\s|\s(?:but|because|although|though|whereas|so that)\s",
    re.I,
)
_CLAUSE_NO_COMMA = re.compile(_CLAUSE.pattern.replace(_COMMA + "|", ""), re.I)
# A clause opening on one of these is part of another ("if the sync had just worked", "which took weeks").
_RELATIVES = frozenset(
    ["which", "who", "whom", "whose", "if", "when", "while", "because", "although", "since", "unless", "whether"]
)  # fmt: skip
_POSSESSIVE = re.compile(r"['’]s$")  # "Coupa's" is a content word: "Coupa's | invoicing module" is a cut
_UNASSERTED = frozenset(["if", "unless", "whether"])  # a clause opening on these says what did not happen
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# A label ends on a word that finishes a thought ("… a several-hundred-thousand-dollar gap for" does not),
# and a sub-phrase never starts on the object of a preposition ("… of the evaluation" cut from "in charge of").
_PREPOSITIONS = frozenset(
    ["of", "to", "for", "with", "in", "on", "at", "by", "from", "into", "about", "as", "than", "vs", "versus",
     "via"]
)  # fmt: skip
_DETERMINERS = frozenset(
    ["a", "an", "the", "our", "my", "your", "their", "his", "her", "its", "this", "that", "these", "those"]
)
_DANGLING = _PREPOSITIONS | _DETERMINERS | frozenset(
    ["and", "or", "but", "so", "because", "if", "when", "while", "which", "who",
     # ... and the prepositions that take an object whatever follows ("Customers can see where their shipment is
     # without", qa284, of "… without calling us")
     "without", "within", "during", "until", "till", "among", "between", "despite", "toward", "towards", "upon",
     "amid", "throughout", "per",
     # ... and "past", "beyond" cut at an aside ("We'd grown past, I don't know, a hundred and twenty people", qa299)
     "past", "beyond",
     # ... and "instead", whose "of" was cut ("Would love a Toast POS integration instead", qa291)
     "instead",
     # ... and a copula whose complement was cut ("Your API docs were", qa309: of "Your API docs were thin")
     "was", "were", "is", "are", "am", "be", "been", "being"]
)  # fmt: skip
# Closed classes that tell a sub-phrase was cut out of a larger one. It may not start after a preposition, a
# subject pronoun ("you | owe in real time"), a coordinator or a quantifier ("Excel and | Outlook worked"),
# inside a prepositional phrase ("into the | ERP by hand") or anywhere after a negation in its clause ("no |
# hesitation"); it may not end where its own complement follows ("count went | from", "took | him",
# "hundreds | of", "close took | twelve days", "quick to set | up"); and it holds no coordinator (a window
# across "and" joins two phrases). Closed word classes of English, not lists fitted to any data.
_NEGATIONS = frozenset(["no", "not", "never", "without", "nobody", "nothing", "none", "nor"])
_SUBJECTS = frozenset(["i", "we", "you", "they", "he", "she", "it", "who", "which", "that"])
_OBJECTS = frozenset(["me", "us", "him", "them", "it", "you"])
_COORDINATORS = frozenset(["and", "or", "but", "nor", "&", "+"])
_QUANTIFIERS = frozenset(
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty",
     "hundred", "thousand", "some", "any", "every", "each", "all", "most", "more", "much", "many", "few",
     "several", "both", "another",
     # (qa100: "AR team spent | half their week on disputes")
     "half", "less", "fewer", "enough", "either", "neither", "lots", "plenty"]
)  # fmt: skip
_NO_START_AFTER = _PREPOSITIONS | _NEGATIONS | _SUBJECTS | _COORDINATORS | _QUANTIFIERS
_PARTICLES = frozenset(["up", "down", "out", "off", "over", "through", "back", "around", "away"])
# English's common irregular past tenses, a closed class: like a regular "-ed" verb, none ends a label before the
# word it takes ("hiring managers never left | feedback", "the vendor sent | invoices").
_IRREGULAR_PAST = frozenset([
    "became", "began", "bought", "brought", "built", "came", "chose", "dealt", "drew", "drove", "fed",
    "felt", "fought", "found", "forgot", "gave", "got", "grew", "heard", "held", "hid", "kept", "knew",
    "led", "left", "lent", "lost", "made", "meant", "met", "paid", "ran", "rang", "rose", "said", "sat",
    "saw", "sent", "shook", "shot", "sold", "spent", "spoke", "stood", "stole", "stuck", "swore", "taught",
    "thought", "threw", "told", "took", "understood", "went", "woke", "won", "wore", "wrote",
])  # fmt: skip
# Words that open a clause a verb can take ("asking | when", "knew | whether", "said | that").
_CLAUSE_OPENERS = frozenset(["when", "where", "what", "why", "how", "whether", "if", "that", "who", "which"])
# A phrase holding a clause opener may not end where that clause's verb follows ("complaints from supervisors that
# people | were doing training", "asked if Microsoft Defender | could do it", qa46, qa47): it stops on the clause's
# subject; nor may one end on an indefinite pronoun, which is the subject of what follows ("assumes somebody | is
# going to look"). Closed classes of English (auxiliaries and modals; indefinite pronouns).
_AUXILIARIES = frozenset(
    ["is", "are", "was", "were", "be", "been", "am", "can", "could", "will", "would", "shall", "should", "may",
     "might", "must", "has", "have", "had", "do", "does", "did", "isn't", "wasn't", "weren't", "can't", "couldn't",
     "won't", "wouldn't", "didn't", "doesn't", "don't"]
)  # fmt: skip
_INDEFINITES = frozenset(
    ["somebody", "someone", "anybody", "anyone", "everybody", "everyone", "nobody", "something", "anything",
     "everything", "nothing"]
)  # fmt: skip
_NO_END_BEFORE = _PREPOSITIONS | _PARTICLES | _DETERMINERS | _OBJECTS | _QUANTIFIERS | _INDEFINITES
_FILLER = re.compile(
    r"^(?:(?:and|but|so|or|well|yeah|yep|yup|(?:yes|no)(?=,)|oh|um+|uh+m*|hm+|mm+|mhm|erm|e+h+m+|ah|honestly|frankly|basically|actually|really|literally|"
    r"i think|i guess|i mean|i'd say|i would say|i suppose|i believe|you know|to be honest|to be fair|"
    # (a hedge on what was just said: "He made a lot of money off that server, let's just say.", qa307: an objection
    # labelled "Let's just say")
    r"let['’]s (?:just )?say|let['’]s put it this way|put it this way|shall we say|like|just|plus|"
    r"also|then|mainly|mostly|probably|obviously|of course|okay|ok|right|sure|anyway|tbh|"
    # a pleasantry ("No problem. I want to be clear it wasn't personal", qa40: a churn theme labelled "No problem")
    r"no problem|no worries|sure thing|happy to help|my pleasure|"
    # an assurance ("That was the trigger, no question.", qa159: a trigger theme labelled "No question")
    r"no question|no doubt|without a doubt|hands down|plain and simple|pure and simple|simple as that|end of story|"
    # an enumeration's marker ("Second, Raj required single sign-on", qa203: a loss reason labelled "Second")
    r"(?:first|second|third|fourth)(?:ly)?(?=,|\s*$)|first of all|finally(?=,|\s*$)|lastly)\b[\s,.!]*)+",
    re.I,
)
_TRAILING = re.compile(
    r"(?:[\s,]+(?:honestly|really|though|i think|i guess|i believe|you know|etc|tbh|anyway|too|ha|haha|lol|obviously|"
    r"definitely|of course|for sure|i suppose|no question|no doubt|without a doubt|hands down|plain and simple|"
    r"pure and simple|simple as that|end of story))+[.!?]*$",
    re.I,
)
_STOP = ENGLISH_STOP_WORDS.union(
    ["yeah", "like", "just", "really", "know", "think", "honestly", "basically", "lot", "kind", "sort", "got",
     "ve", "ll", "don", "didn", "wasn", "thing", "things", "way", "actually", "pretty", "bit", "mean", "okay",
     "right", "sure", "said", "going", "did", "does", "tbh", "stuff", "i'm", "it's", "we're", "we'd", "don't",
     "didn't", "wasn't", "that's", "there's", "we've", "i've", "i'd", "you're", "they're", "isn't", "doesn't",
     # degree words name no topic: "A little" (answering "did the price worry you?") is no label
     "little", "somewhat", "slightly", "quite", "very", "fairly", "rather", "hugely", "massively",
     # nor do parts and counts: "two and a half weeks" gives no label "Half weeks"
     "half", "quarter", "dozen", "couple",
     # nor does a laugh ("If you were cheaper than zero, ha." gave the label "Ha"), nor an honorific ("Dr")
     "ha", "haha", "lol", *(h.lower() for h in HONORIFICS),
     # nor a sound of thinking (qa70: a label "Ehm")
     "ehm", "erm", "uhm", "umm", "hmm", "um", "uh",
     # nor does a hedge ("Probably, yeah. Maybe. If the kiosk thing got fixed." gave the label "Maybe")
     "maybe", "probably", "possibly", "perhaps", "believe", "guess", "suppose",
     # nor does a comparison's preposition ("cost vs. what we were paying before" gave the label "Cost vs")
     "vs", "versus",
     # nor does an answer's yes or no ("Yes. I cancelled at the end of the term and moved to Furlane." gave the
     # label "Yes", qa39, qa40): English's closed class of answer particles
     "yes", "yep", "yup", "nope", "exactly", "correct", "absolutely", "definitely", "totally", "true",
     # nor does not knowing ("idk. Not really. Our bookkeeper wanted to know the monthly minimum." gave "Idk", qa252)
     "idk", "dunno", "nah",
     # nor does a contraction typed without its apostrophe ("Thats it, that's the reason." gave "Thats it", qa40)
     "thats", "dont", "didnt", "wasnt", "isnt", "doesnt", "im", "ive", "youre", "theyre", "weve", "wed", "itll",
     "theres", "cant", "wont", "couldnt", "wouldnt", "shouldnt", "arent", "werent", "havent", "hadnt",
     # nor does thanking ("Thanks." opening an answer), nor apologising ("Yeah. Honestly, and no offense, it came down
     # to money." gave "No offense"; "Sorry", qa256, qa259)
     "thanks", "thank", "sorry", "apologies", "offense", "offence"]
)  # fmt: skip


def label_themes(
    texts: Sequence[Sequence[str]],
    all_texts: Sequence[str],
    *,
    taken: set[str] | None = None,
    sources: Sequence[Sequence[str]] | None = None,
    contexts: Sequence[Sequence[str]] | None = None,
    product: re.Pattern[str] | None = None,
    why: Sequence[bool] | None = None,
) -> list[str]:
    """One label per theme (statements most central first), cut from its most central statements and scored
    by how many of its sources share the phrase's words: no two themes get the same label. ``sources`` names
    the interview or respondent of each statement (default: each statement its own source); ``contexts``
    gives each statement with what it was read with (default: the statement), where shared words are counted.
    ``product`` (the vendor's own product names) names no theme alone: "Haulpass", the name every option list of
    an alternatives theme holds, says nothing of what was weighed (qa84). ``why`` tells the themes of why accounts
    went: a phrase that only names (an acquirer, a rival: "Cascade Brewing Group", qa301) says who, not why, and names
    such a theme only when nothing else does."""
    taken = set(taken or ())
    texts = [[without_asides(m) for m in members] for members in texts]
    contexts = [[without_asides(c) for c in members] for members in contexts] if contexts else None
    weights, spread = _word_weights(all_texts)
    known = _named(all_texts)  # the names said inside a sentence anywhere, known where one opens a sentence
    misspelt = misspellings(spread) | space_slips(all_texts, spread) | unknown_slips(spread)
    labels = []
    for number, members in enumerate(texts):
        ranked = _ranked_phrases(
            members,
            weights,
            sources=sources[number] if sources else None,
            contexts=contexts[number] if contexts else None,
            known=known,
        )
        if why and why[number]:
            named = _named(members, known)
            ranked = sorted(ranked, key=lambda p: _only_named_words(p, named, members))
        # a phrase with a slip of the keys ("Opneed three new locations") yields to one without, if any, and
        # else to the opening words of the most central statement spelt right ("T&M tickets signed on the spot
        # by the GC", not "Tickets signed ont")
        clean = [
            p
            for p in ranked
            if not misspelt.intersection(_words(p.casefold())) and not (product and _only_named(p, product))
        ]
        spelt = [m for m in members if not misspelt.intersection(_words(m.casefold()))]
        label = next((p for p in clean if p.casefold() not in taken), None)
        if label is None and spelt:
            label = _fallback(spelt, taken)
        label = (
            label or next((p for p in ranked if p.casefold() not in taken), None) or _fallback(members, taken)
        )
        taken.add(label.casefold())
        labels.append(label)
    return labels


# A transcriber's note inside a turn: Rev's "[laughs]", "[crosstalk]", "[inaudible 00:12:03]", and the same in
# parentheses when it is one or two lower-case words ("(laughs)", "(long pause)"). It is no one's words, so it
# names no theme (qa64: a loss theme labelled "Laughs"); the quote keeps it, verbatim.
_ASIDE = re.compile(r"\s*(?:\[[^\]]*\]|\((?:[a-z]+)(?: [a-z]+)?\))")


def without_asides(statement: str) -> str:
    """The statement without its transcriber's notes and the hesitations set off by commas inside a clause ("Your API
    docs were, um, thinner.", qa309: labelled "Your API docs were"), or as it is when it is nothing else."""
    return _HESITATION.sub(" ", _ASIDE.sub("", statement)).strip() or statement


# A hesitation between commas inside a clause: "were, um, thinner", "was, I'd say, too slow". Closed class of English.
_HESITATION = re.compile(
    r",\s*(?:um+|uh+|erm*|er|hmm+|you know|i mean|i'd say|i guess|let's say|like)\s*,\s*", re.IGNORECASE
)


def _only_named(phrase: str, product: re.Pattern[str]) -> bool:
    """Whether the phrase is the product's name and nothing of its own, or its name weighed ("We looked at
    TripClaim", qa215: the label of an alternatives theme whose options were Keystone and RigBill Pro)."""
    if not product.search(phrase):
        return False
    return not any(_content(w) and w not in _WEIGHING for w in _words(product.sub(" ", phrase).casefold()))


# Verbs of weighing an option: with the product's name alone they say nothing of what else was weighed.
_WEIGHING = frozenset(
    ["looked", "look", "considered", "consider", "evaluated", "evaluate", "compared", "compare", "demoed", "demo",
     "tried", "try", "trialed", "trialled", "saw", "talked", "picked", "chose", "choose", "shortlisted"]
)  # fmt: skip


def _quoted_inside(clause: str, statement: str) -> bool:
    """Whether the clause is one word the speaker quotes inside a longer sentence (a gap "for "better" when "good
    enough" was cheaper"): a scare quote, not a thing said (samples: a loss theme labelled "Better")."""
    return (
        len(clause.split()) == 1
        and any(f"{a}{clause}{b}" in statement for a, b in (('"', '"'), ("“", "”"), ("‘", "’")))
        and len(statement.split()) > len(clause.split()) + 2
    )


def phrases(statement: str) -> list[str]:
    """Candidate labels in a statement: its clauses (up to MAX_LABEL_WORDS words), trimmed of fillers, and
    the sub-phrases of each clause that begin and end on a content word."""
    found: list[str] = []
    unreal: list[str] = []  # of clauses of what would have been: said only when nothing else is
    for clause, conceded, granted in _read_clauses(statement):
        clause = trim(clause)
        words = clause.split()
        if not words:
            continue
        # (what would have been, what is granted in passing, or what "that" was, names a theme only when nothing else
        # does: "The box in the back office gave up. That's the PMS server.", qa309: a trigger labelled by the second)
        into = unreal if _UNREAL.search(clause) or granted or _POINTS_BACK.match(clause) else found
        if (had := _IF_YOU_HAD.match(clause)) and _ends_a_thought(had.group("what").split()):
            # what the product would need, said as a condition ("If you get multi-entity reporting, sure. We'd look.",
            # qa283: a loss theme labelled "We'd look"): what it went without
            found.append(" ".join(had.group("what").split()[:MAX_LABEL_WORDS]))
        if (
            len(words) <= MAX_LABEL_WORDS
            and _ends_a_thought(words)
            and _opens_a_thought(words)
            and not conceded
            and not _quoted_inside(clause, statement)
        ):
            into.append(clause)
        for size in range(2, min(MAX_WINDOW_WORDS, len(words) - 1) + 1):
            for start in range(len(words) - size + 1):
                if _well_cut(words, start, start + size):
                    into.append(" ".join(words[start : start + size]))
    return found or unreal


# A condition on the product ("If you get multi-entity reporting", "If you'd had a Spanish app"): what follows its verb
# names what the product went without. Closed words of English.
_IF_YOU_HAD = re.compile(
    r"^\s*(?:(?:and|but|so|well|only|maybe|honestly)\s+)*if\s+(?:you|y'?all|you guys|it)(?:['’]d)?\s+"
    r"(?:(?:ever|just|ever just)\s+)?(?:would\s+|had\s+)?(?:have\s+)?(?:get|got|gotten|had|have|add|added|build|built|offer|offered|did|do|"
    r"done|support|supported|fix|fixed|make|made|ship|shipped|release|released)\s+(?:an?\s+|the\s+)?(?P<what>\S.*?)"
    # (up to a second condition joined to it, with a subject of its own: "If you get door access integration | and
    # the franchise office changes its mind", qa290: a loss theme so labelled)
    r"(?:\s+(?:and|or)\s+(?:the|our|my|their|his|her|its|we|they|i|he|she|corporate|head office)\b.*)?\s*$",
    re.IGNORECASE,
)


def _clauses(statement: str) -> list[tuple[str, bool]]:
    """The statement's clauses (split at _CLAUSE), each with whether it is conceded: followed by "but" and a
    negation ("Rooms are ready | but not released to the front desk"), so alone it says the opposite (qa26)."""
    return [(clause, conceded) for clause, conceded, _ in _read_clauses(statement)]


def _read_clauses(statement: str) -> list[tuple[str, bool, bool]]:
    """``_clauses``, each also with whether it is granted in passing: opened by "though", "although" or "even
    though" ("RevPAR is up eleven percent, though the weather helped", qa309: an outcome labelled "The weather
    helped")."""
    found: list[tuple[str, bool, bool]] = []
    cursor = 0
    after_a_comma = False
    granted = False
    for cut in [*_CLAUSE.finditer(statement), None]:
        end = cut.start() if cut else len(statement)
        rest = statement[cut.end() :] if cut else ""
        conceded = bool(cut and cut.group(0).strip().casefold() == "but" and _NEGATED_REST.match(rest))
        clause = before_an_apposition(statement[cursor:end], statement[end:])
        # (a clause after a comma that opens on a negation is the contrast of the one before, "…to live in a
        # system, not in a person", qa186: a trigger labelled "Not in a person")
        contrast = after_a_comma and bool(_CONTRAST_TAIL.match(clause))
        found.append((clause, conceded or contrast, granted or bool(_GRANTED.match(clause))))
        cursor = cut.end() if cut else len(statement)
        after_a_comma = bool(cut and cut.group(0) == ",")
        if clause.strip():
            granted = False
        if cut and cut.group(0).strip().casefold() in _GRANTING:
            granted = True
    return found


# A clause that says what "that" or "this" was: "That's the PMS server.", "That was the final straw." Closed words.
_POINTS_BACK = re.compile(
    r"^(?:that|this)(?:['’]s|\s+is|\s+was)\s+(?:the|a|an|our|my|their|his|her)\b", re.IGNORECASE
)
# Words that grant something in passing, never the point: "though the weather helped". Closed class of English.
_GRANTING = frozenset(["though", "although", "even though", "albeit"])
_GRANTED = re.compile(r"^\s*(?:even\s+)?(?:though|although|albeit)\b", re.IGNORECASE)


# A clause of what would have been ("But no, we'd have renewed", "Beverly would've come around", qa276: a churn theme
# and a loss theme labelled by what the customer ruled out) says what did not happen: no label is cut from it while
# the statement says anything else, and no theme is named by it while another phrase is free ("If the sync had
# worked, I'd have fought harder for it" says nothing else). English's modal perfect, a closed form; "they'd have
# to retrain" (an obligation) and "they must've changed it" (what surely happened) are no such clause.
_UNREAL = re.compile(
    r"(?:\b(?:would|could|might|should)(?:n['’]t)?(?:\s+have|['’]ve)\b|['’]d\s+have\b)(?!\s+to\b)",
    re.IGNORECASE,
)


def says_what_would_have_been(text: str) -> bool:
    """Whether the text holds a clause of what would have been ("we'd have renewed"), which did not happen."""
    return bool(_UNREAL.search(text))


_CONTRAST_TAIL = re.compile(r"\s*(?:but\s+)?(?:not|never|rather than|instead of)\b", re.IGNORECASE)


# A name set off by commas after a noun ("…and the owner, Rob, said no more spreadsheets"): the clause before it is
# not over, its verb comes after the name.
_APPOSITION = re.compile(r"^\s*,\s*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s*,")
_LAST_COORDINATOR = re.compile(r"^(?P<whole>.*\S)\s+(?:and|but|so|then)\s+\S.*$", re.IGNORECASE | re.DOTALL)


def before_an_apposition(clause: str, after: str) -> str:
    """The clause, or, when a name in apposition interrupts it, what it says whole before its last "and" ("We
    opened our seventh clinic and the owner | , Rob, said…" -> "We opened our seventh clinic", qa130: a trigger
    labelled "We opened our seventh clinic and the owner"); nothing if it has none."""
    if not _APPOSITION.match(after):
        return clause
    whole = _LAST_COORDINATOR.match(clause)
    return whole.group("whole") if whole else ""


_NEGATED_REST = re.compile(
    r"\s*(not|never|no|nobody|nothing|none|no one)\b|\s*\w+\s+(isn't|aren't|wasn't|weren't|doesn't|don't|didn't|can't|won't)\b",
    re.IGNORECASE,
)


def _well_cut(words: Sequence[str], start: int, end: int) -> bool:
    """Whether words[start:end] is a whole phrase of its clause: it begins and ends on a content word, is
    not cut out of a phrase (see the closed classes above) and joins no two phrases."""
    folded = [w.casefold().strip(".,;:!?'\"") for w in words]
    window = folded[start:end]
    if not (_content(window[0]) and _content(window[-1])) or _COORDINATORS.intersection(window):
        return False
    if window[-1] in _DANGLING:
        return False  # ("Grown past", qa299)
    if start > 0 and (folded[start - 1] in _NO_START_AFTER or _content(folded[start - 1])):
        return False  # nor inside a run of content words ("the paper | copy that came", "more time | fixing")
    # under a negation or a condition: "haven't had a duplicate payment", "if the QuickBooks sync had worked"
    if any(_negates(w) for w in folded[:start]) or folded[0] in _UNASSERTED:
        return False
    if start > 1 and folded[start - 1] in _DETERMINERS and folded[start - 2] in _PREPOSITIONS | _QUANTIFIERS:
        return False  # (nor inside a quantity: "half an | hour after every clinic day", qa282)
    if start > 0 and (folded[start - 1] in _NUMBER_WORDS or folded[start - 1][:1].isdigit()):
        return False  # nor cut out of a count ("For eleven | rooms the monthly fee", qa309: a churn label)
    if start > 0 and folded[start - 1] in _MODIFIES_WHAT_FOLLOWS:
        return False  # nor after a word that only modifies what follows ("last | year with the same staff", qa289)
    if end < len(words) and words[end][:1].isupper() and words[end - 1][:1].isupper():
        return False  # a name cut in two ("Business | Central")
    if end < len(words) and _content(folded[end]):  # the phrase stops before a content word
        if not all(w in _DETERMINERS for w in folded[:start]):
            return False  # only a clause's subject (its opening noun phrase) ends there: not "list of sync | problems"
        if _DETERMINERS.intersection(window):
            return False  # nor ends inside a noun phrase it opened ("wanted the AP control | gaps")
        if _verb_form(window[-1]):
            # nor between a verb and what it takes ("legal team wanted | changes", "seemed | good", "orders kept
            # getting | lost"): English morphology and its closed class of irregular pasts, not fitted to data
            return False
    if end < len(words) and folded[end] in _CLAUSE_OPENERS and _verb_form(window[-1]):
        return False  # nor between a verb and the clause it takes ("kept calling asking | when we'd show up")
    if end < len(words) and folded[end] in ("like", "as") and _verb_form(window[-1]):
        return False  # nor between a verb and the likeness it takes ("Orchestrated felt | like way too much", qa291)
    if window[-1] in _INDEFINITES or (
        end < len(words) and folded[end] in _AUXILIARIES and _CLAUSE_OPENERS.intersection(window[1:])
    ):
        return False
    return not (end < len(words) and (folded[end] in _NO_END_BEFORE or folded[end][:1].isdigit()))


# Words that only modify the noun after them, never a phrase's end: "last year", "the same staff", "our own team".
# Closed class of English.
_MODIFIES_WHAT_FOLLOWS = frozenset(
    ["last", "next", "same", "other", "such", "own", "very", "whole", "entire"]
)


def _as_its_word(word: str) -> str:
    """A word as the words a theme's sources share are counted: "inventory's" is "inventory" (qa293), and "grew",
    "grown" and "growing" are "grow" (qa300: a trigger of three customers' growth was labelled by a fourth's
    "Deadlines and document collection", no word of the growth being counted as shared)."""
    return dictionary_form(_POSSESSIVE.sub("", word))


def _as_its_words(word: str) -> frozenset[str]:
    """A word in every form a source may say it in: as ``_as_its_word``, and as each part of speech it can be
    ("opening" is also "open", qa304)."""
    return every_dictionary_form(_POSSESSIVE.sub("", word))


def _negates(word: str) -> bool:
    """A negation, a contraction with "not", or one typed without its apostrophe ("didnt", qa77: "Our IT director
    didnt want another vendor to manage" gave the label "Want another vendor to manage")."""
    return word in _NEGATIONS or word.endswith(("n't", "n’t")) or word in _UNAPOSTROPHED_NOTS


_UNAPOSTROPHED_NOTS = frozenset(
    # ("cannot", one word: "said we cannot wait anymore" gave the churn label "Wait anymore", qa279)
    ["cannot", "dont", "didnt", "doesnt", "wasnt", "isnt", "cant", "wont", "couldnt", "wouldnt", "shouldnt", "arent", "werent",
     "havent", "hadnt", "hasnt", "aint", "neednt", "mustnt"]
)  # fmt: skip


def _verb_form(word: str) -> bool:
    """A participle or past tense: English morphology and its closed class of irregular pasts."""
    return word.endswith(("ed", "ing")) or word in _IRREGULAR_PAST


def _whole_clauses(statement: str) -> set[str]:
    """The statement's clauses that say a whole thing: each sentence's first clause, and a clause after a
    comma only when it opens on its own subject ("..., set it up, trained the store managers" does not)."""
    whole: set[str] = set()
    for part in _CLAUSE_NO_COMMA.split(statement):
        # (a clause a name in apposition interrupts is cut, or held as no clause: "Our CFO, | Dana, | signed it")
        cut = [before_an_apposition(part[a:b], part[b:]) or None for a, b in _comma_pieces(part)]
        pieces = [p if p is None else trim(p).casefold() for p in cut]
        pieces = [p for p in pieces if p != ""]
        whole.update(
            p for n, p in enumerate(pieces) if p and (n == 0 or p.split()[0] in _SUBJECTS | _DETERMINERS)
        )
        # (and what a condition on the product names, said first: "If you get multi-entity reporting, …")
        if pieces and pieces[0] and (had := _IF_YOU_HAD.match(pieces[0])):
            whole.add(" ".join(had.group("what").split()[:MAX_LABEL_WORDS]))
    return {c for c in whole if _opens_a_thought(c.split())}


def _comma_pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text's pieces between commas (not the comma inside a number)."""
    cuts = list(re.finditer(_COMMA, text))
    return list(zip([0, *(c.end() for c in cuts)], [*(c.start() for c in cuts), len(text)], strict=True))


def _opens_a_thought(words: Sequence[str]) -> bool:
    """A clause that opens on a relative ("if the sync had worked") or a preposition ("at a company our
    size", "around the renewal") is part of another: it does not say a thing alone."""
    first = words[0].casefold().strip(".,;:!?'\"")
    return first not in _RELATIVES and first not in _PREPOSITIONS and first not in _WHEN_OR_WHERE


# Prepositions of time and place that open an adverbial, never a label: "Around the renewal" (qa52: a churn theme),
# "After the audit". English's closed class, not fitted to data.
_WHEN_OR_WHERE = frozenset(
    ["around", "after", "before", "during", "until", "till", "since", "within", "throughout", "across", "near",
     "toward", "towards", "among", "between", "beyond", "upon", "despite", "amid"]
)  # fmt: skip


def _ends_a_thought(words: Sequence[str]) -> bool:
    return words[-1].casefold().strip(".,;:!?'\"") not in _DANGLING


def trim(text: str) -> str:
    """The text without leading fillers ("so", "honestly", "I think"), trailing ones and edge punctuation."""
    text = " ".join(text.split()).strip(" '\"-–—")
    previous = None
    while previous != text:
        previous = text
        text = _TRAILING.sub("", _FILLER.sub("", text)).strip(" '\"-–—")
    return text


def _ranked_phrases(
    members: Sequence[str],
    weights: dict[str, float],
    *,
    sources: Sequence[str] | None = None,
    contexts: Sequence[str] | None = None,
    known: set[str] | None = None,
) -> list[str]:
    """Candidate phrases, best first: distinctive words many members (read in their ``contexts``) share, from
    the LABEL_MEMBERS statements nearest the centre (``known``: names, as ``_named`` reads them)."""
    folded = [m.casefold() for m in (contexts or members)]
    # word -> sources that say it: one talkative interviewee repeating a phrase does not make it the theme's
    said_by: dict[str, set[str]] = {}
    for n, member in enumerate(folded):
        for word in _words(member):
            # ("Inventory's down" says "inventory" as "We cut inventory" does, qa293: counted apart, an outcome theme
            # of inventory falling in four interviews was labelled by two's audit)
            for form in _as_its_words(word):
                said_by.setdefault(form, set()).add(sources[n] if sources else str(n))

    def saying(word: str) -> int:
        """How many sources say ``word`` in any of its forms."""
        return len(set().union(*(said_by.get(form, set()) for form in _as_its_words(word))))

    many = len({*(sources or range(len(members)))}) >= 3

    def said_beyond_one(word: str) -> float:
        """How many sources say ``word``, a word one source alone says counting a quarter where three or more speak:
        rare words one person says ("printed arrivals list") outweighed a word three say ("server", qa309)."""
        said = saying(word)
        return said if said > 1 or not many else ONE_SOURCE_SHARE

    scores: dict[str, float] = {}
    wording: dict[str, str] = {}  # the first casing a phrase was seen in
    for rank, statement in enumerate(members[:LABEL_MEMBERS]):
        centrality = 1.0 / (1.0 + 0.1 * rank)  # members come most central first
        clauses = _whole_clauses(statement)
        for phrase in phrases(statement):
            content = {w for w in _words(phrase.casefold()) if _content(w)}
            if not content or content <= _HEADING_WORDS | _VERDICT_WORDS or _only_when(phrase):
                continue
            shared = sum(said_beyond_one(w) * weights.get(w, 1.0) for w in content)
            whole = sum(phrase.casefold() in m for m in folded)  # members that say the very phrase
            score = centrality * shared / len(members) * (1.0 + whole / len(members))
            score /= np.sqrt(len(phrase.split()) + 1.0)
            key = phrase.casefold()
            if key in clauses:
                score *= CLAUSE_BONUS
            wording.setdefault(key, phrase)
            scores[key] = max(score, scores.get(key, 0.0))
    ranked = sorted(scores, key=lambda k: -scores[k])
    # Once two or more people speak in a theme, a name only one of them says (a colleague, "The price was a
    # stretch for Deb"; "Greer signed") names their story, not what the theme's people share: such phrases
    # come after the rest. A product customers name recurs across them ("NetSuite"); a name one person says
    # of their own colleague does not.
    # So does a number no more than half of them say: it is one customer's figure, or a few customers' figures
    # for different things ("Cost per hire is down about thirty percent", qa94: a theme of four customers' gains,
    # in which one cost per hire and another's redeployments were up thirty percent).
    speakers = len({*(sources or range(len(members)))})
    if speakers > 1:
        once = {w for w in _named(members, known) if saying(w) == 1}
        once |= {w for w in _numbers(folded) if 2 * saying(w) <= speakers}
        if once:
            ranked = sorted(ranked, key=lambda k: bool(once.intersection(_words(k))))
    # A phrase that names only people ("Arlene Poulsen", "Daughter Amber", "A guy named Steven Marsh", qa162, qa171,
    # qa175) says who, never what: it names a theme only when nothing else does.
    ranked = sorted(ranked, key=lambda k: names_only_people(wording[k]))
    # A clause of what would have been names a theme only when nothing else does (see _UNREAL)
    ranked = sorted(ranked, key=lambda k: bool(_UNREAL.search(k)))
    if len(members) == 1:  # nothing is shared with another statement: say what it opens with
        # (its first whole clause that says something: "Honestly? Not much." has no content word to label with)
        opening = [
            k
            for k in map(str.casefold, phrases(members[0]))
            if k in _whole_clauses(members[0]) and k in wording
        ]
        if opening:
            scores[opening[0]] = float("inf")
        ranked = sorted(scores, key=lambda k: (names_only_people(wording[k]), -scores[k]))
    return [_capitalised(wording[k]) for k in ranked]


# Words for a person that are no one's name: kin, and "a guy named …". Closed class of English.
_PERSON_WORDS = frozenset(
    ["guy", "guys", "lady", "man", "woman", "person", "named", "called", "daughter", "son", "wife", "husband",
     "brother", "sister", "dad", "mom", "mum", "father", "mother", "uncle", "aunt", "cousin", "nephew", "niece",
     "kid", "kids", "boss", "friend", "buddy"]
)  # fmt: skip


def names_only_people(phrase: str) -> bool:
    """Whether a phrase's words that say something are all people: a name by the name lists (opening the phrase,
    not a word of English too: "Price", "Grant"), a word for a person ("daughter", "guy"), or a job title ("Our
    CEO", qa279: a churn line of `ask` so labelled, of "In the end Stefan, our CEO, said we cannot wait anymore."),
    told something or telling it ("I told the owners", qa304: the expansion trigger so labelled, what was told after
    it)."""
    titled = [(a, b) for a, b, _ in title_spans(phrase)]
    said = [m for m in _WORD.finditer(phrase) if _content(m.group()) and m.group().casefold() not in _TELLING]
    if titled and said and all(any(a <= m.start() and m.end() <= b for a, b in titled) for m in said):
        return True
    found = [
        (n, w) for n, w in enumerate(_WORD.findall(phrase)) if _content(w) and w.casefold() not in _TELLING
    ]
    # (a word for a person may carry its age or kind: "A young guy", qa260)
    people = [(n, w) for n, w in found if w.casefold() not in _OF_A_PERSON]
    described = len(people) < len(found)
    return (
        bool(people)
        and all(w.casefold() in _PERSON_WORDS or is_person_name(w, capital_tells=n > 0) for n, w in people)
        and (not described or any(w.casefold() in _PERSON_WORDS for _, w in people))
    )


_OF_A_PERSON = frozenset(["young", "younger", "old", "older", "new", "nice", "good", "great", "little"])
# Verbs of telling: who told whom says who, the thing told is what. Closed class of English.
_TELLING = frozenset(
    ["told", "tell", "tells", "telling", "said", "say", "says", "asked", "ask", "asks", "explained", "mentioned",
     "warned", "promised", "emailed", "called", "texted"]
)  # fmt: skip


# Numbers written as words, of a size customers quote ("thirty percent", "twelve days"): "one" is left out, as it
# is as often no number ("one thing", "the one we chose"). Closed class of English.
_NUMBER_WORDS = frozenset(
    ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
     "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
     "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion")
)  # fmt: skip


def _numbers(statements: Sequence[str]) -> set[str]:
    """The words of the (lower-cased) statements that are numbers: digits ("40%", "1,200", "q3") or number words."""
    return {w for s in statements for w in _words(s) if any(c.isdigit() for c in w) or w in _NUMBER_WORDS}


# Words that name a heading, not what is under it: "That was the trigger, honestly." shares "trigger" with every
# trigger said so, and says nothing of what the trigger was (qa100: a trigger theme labelled "That was the
# trigger"). A phrase of only these names no theme. Closed class: the facets' own words and their kin.
_HEADING_WORDS = frozenset(
    ["trigger", "triggers", "reason", "reasons", "problem", "problems", "issue", "issues", "pain", "pains",
     "concern", "concerns", "objection", "objections", "goal", "goals", "factor", "factors", "thing", "things",
     "catalyst", "turning", "point", "deal-breaker", "dealbreaker", "main", "real", "big", "biggest", "honestly",
     # ... and the outcomes the reasons are of: "We lost." says no reason a deal was lost (qa258: a churn theme's label)
     "lost", "lose", "losing", "won", "win", "churned", "churn"]
)  # fmt: skip


# Words of a verdict and no more: "Good" (qa284, qa288: a churn theme and an outcome theme so labelled), "Huge for us"
# (qa281) say how it went, not what. A phrase of only these names no theme. Closed class of English.
_VERDICT_WORDS = frozenset(
    ["good", "great", "fine", "ok", "okay", "solid", "nice", "excellent", "awesome", "amazing", "fantastic",
     "brilliant", "terrific", "perfect", "bad", "terrible", "awful", "horrible", "huge", "massive", "big", "better",
     "worse", "best", "worst", "positive", "negative", "night", "day", "game", "changer", "game-changer"]
)  # fmt: skip


# Words that tell when, not what: "It was August", "Renewal time, early 2024" (qa129, qa131: a churn theme labelled
# "Renewal time", a loss theme "It was August"). A phrase of only these, numbers and a noun before "time" names no
# theme. Closed classes of English.
_WHEN_WORDS = frozenset(
    ["time", "times", "year", "years", "month", "months", "week", "weeks", "day", "days", "season", "quarter",
     "early", "late", "mid", "ago", "last", "later", "spring", "summer", "fall", "autumn", "winter", "january",
     "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "q1", "q2", "q3",
     "q4", "yesterday", "today", "tomorrow", "end", "beginning", "start",
     # ... and a renewal's coming round, a moment ("Renewal came", qa260: a churn theme's label)
     "renewal", "renewals", "came", "come", "comes", "rolled", "around"]
)  # fmt: skip


def _only_when(phrase: str) -> bool:
    """Whether a phrase only tells when ("It was August", "Early 2024", "Renewal time")."""
    words = [w for w in _words(phrase.casefold()) if _content(w)]
    if len(words) == 2 and words[1] == "time":
        return True
    return bool(words) and all(
        w in _WHEN_WORDS or any(c.isdigit() for c in w) or w in _NUMBER_WORDS for w in words
    )


def _only_named_words(phrase: str, named: set[str], members: Sequence[str]) -> bool:
    """Whether the phrase's words that say something are a name: each a name (``_named``), or, as said, capitalised
    at the opening of a sentence before names ("Cascade Brewing Group", of "We got bought. Cascade Brewing Group
    acquired us"; not "moved to Financial Cents")."""
    content = [w for w in _words(phrase) if _content(w)]
    said = [_POSSESSIVE.sub("", w.casefold()) in named for w in content]
    if not content or all(said):
        return bool(content)
    if len(content) < 2 or not all(said[1:]):
        return False
    where = next((m for m in members if phrase.casefold() in m.casefold()), "")
    at = where.casefold().find(phrase.casefold())
    as_said = [w for w in _words(where[at : at + len(phrase)]) if _content(w)] if at >= 0 else []
    return bool(as_said) and all(w[:1].isupper() for w in as_said)


def _named(statements: Sequence[str], known: set[str] | None = None) -> set[str]:
    """Words written with a capital inside a sentence ("for Deb", "Dr. Greer signed"), lower-cased: names of
    people, places and products; and, opening a sentence, those ``known`` as names (written with a capital inside a
    sentence elsewhere) or no word of English the bundled model knows ("Price, mostly. Mews came in cheaper per room",
    qa309: an ask line of two lost deals, one lost to Cloudbeds, was labelled by Mews)."""
    named: set[str] = set()
    for statement in statements:
        tokens = ["", *statement.split()]
        for before, token in pairwise(tokens):
            opens = (
                not before or before.endswith((".", "!", "?", ":"))
            ) and before.casefold() not in _HONORIFICS
            word = token.strip(".,;:!?'\"()“”‘’")
            if word[:1].isupper() and word != "I" and not word.isupper():
                folded = _POSSESSIVE.sub("", word.casefold())
                if (
                    not opens
                    or (known and folded in known)
                    or (len(folded) > 2 and folded not in vocabulary_words())
                ):
                    named.add(folded)
    return named


_HONORIFICS = frozenset(f"{h.lower()}." for h in HONORIFICS)


# A subject pronoun contracted with its auxiliary ("I'd", "we'll", "they're"): a clause's opening, never its end.
_SUBJECT_CONTRACTED = re.compile(r"^(?:i|we|you|they|he|she|it|that|there)['’](?:d|ll|m|re|ve|s)$")


def _fallback(members: Sequence[str], taken: set[str]) -> str:
    """The most central statement's first words, when no phrase is free: of its first sentence, or its next where
    that one's is taken (never across a full stop: "Price. The other thing was, a couple", qa211), trimmed of its
    filler, else as said ("Mostly price", where "Price" names another theme)."""
    # (a sentence of what would have been only when no other will do)
    for unreal in (False, True):
        for statement in members:
            # from its first sentence that says something, then its first as said, then the sentences after
            first, *after = re.split(_SENTENCE_END, _from_first_said(trim(statement)))
            for option in (first, re.split(_SENTENCE_END, statement.strip())[0], *after):
                if says_what_would_have_been(option) != unreal:
                    continue
                label = _cut(option.split())
                # (a cut that says nothing is no label: "It", of "It wasn't anything you did.", qa244)
                if label and label.casefold() not in taken and any(map(_content, _words(label.casefold()))):
                    return label
    if not members:
        return "Unnamed"
    # a statement of no word of content is said as it is, trimmed of its filler ("Honestly? Not much.")
    said = next(
        (
            s
            for m in members
            if (s := _from_first_said(trim(m)).strip(" .,;:!?")) and s.casefold() not in taken
        ),
        "",
    )
    if said and len(said.split()) <= MAX_LABEL_WORDS:
        return _capitalised(said)
    # a statement that is all filler ("Ehm.") is labelled as said, never with nothing; its first words end on one
    # that may end a thought ("It's more that we weren't getting anything | for", qa281)
    words = _from_first_said(trim(members[0])).split()[:MAX_LABEL_WORDS]
    while (
        len(words) > 1 and words[-1].casefold().strip(".,;:!?'\"") in _DANGLING | _CLAUSE_OPENERS | _SUBJECTS
    ):
        words.pop()
    return _capitalised(" ".join(words).rstrip(".,;:!?") or members[0].strip(" .,;:!?"))


_SENTENCE_END = re.compile(_AFTER_NO_SHORT + r"(?<=[.!?])\s+(?=[A-Z])")


def _cut(said: list[str]) -> str:
    """A label of a statement's first words, at most MAX_LABEL_WORDS, ending where a thought may end."""
    # a clause one word too long loses its "I" or "we" rather than its end ("Needed the knowledge to live in a
    # system", not "I needed the knowledge to live", qa186)
    clause = re.split(_COMMA, " ".join(said))[0].split()
    if len(clause) == MAX_LABEL_WORDS + 1 and clause[0].casefold() in ("i", "we"):
        said = clause[1:]
    words = said[:MAX_LABEL_WORDS]
    folded = [w.casefold().strip(".,;:!?'\"") for w in said]

    def ended(cut: int, *, cut_off: bool) -> int:
        # where the statement goes on, a cut that ends before the word its last one takes loses that last one, as a
        # phrase cut out of a clause may not end there (``_well_cut``): "The per unit price added | up to more",
        # "Got ten requests a week through | it" (qa289), though not before a clause it opens ("complaints from
        # supervisors | that people were"); and never "... went back and forth for", nor on a clause opener ("Too
        # much money for what | we used", qa289)
        if cut_off and 1 < cut < len(said) and folded[cut] in _NO_END_BEFORE - _CLAUSE_OPENERS:
            cut -= 1
        while cut > 1 and folded[cut - 1] in _DANGLING | _CLAUSE_OPENERS:
            cut -= 1
        return cut

    words = words[: ended(len(words), cut_off=True)]
    # nor a clause cut before its verb ("complaints from supervisors that people | were doing training"):
    # the label ends before the clause opens
    cut = kept = len(words)
    # (nor on a subject whose verb was cut off: "If it had done class packs I'd | have paid", qa188)
    while cut > 1 and (
        folded[cut - 1] in _AUXILIARIES | _INDEFINITES | _SUBJECTS
        or _SUBJECT_CONTRACTED.match(folded[cut - 1])
    ):
        cut -= 1
    if cut < len(said) and folded[cut] in _AUXILIARIES | _INDEFINITES:
        openers = [n for n in range(1, cut) if folded[n] in _CLAUSE_OPENERS]
        cut = openers[-1] if openers else cut
    # (where that cut it again, the new end is judged as the first was; an adjunct dropped whole, "… out of stock |
    # on the weekends", leaves its head's complement, "of stock", where it was)
    return _capitalised(" ".join(words[: ended(cut, cut_off=cut != kept)]).rstrip(".,;:!?"))


def _from_first_said(statement: str) -> str:
    """The statement from its first sentence with a content word ("Probably, yeah. Maybe. If the kiosk thing got
    fixed." -> "If the kiosk thing got fixed."), trimmed; the whole statement if none has one."""
    sentences = re.split(_AFTER_NO_SHORT + r"(?<=[.!?])\s+", statement)
    for number, sentence in enumerate(sentences):
        # (a sentence that only names the heading, "That was the trigger.", says nothing of its own, qa186)
        if any(_content(w) and w not in _HEADING_WORDS for w in _words(sentence.casefold())):
            return trim(" ".join(sentences[number:])).lstrip(".,;:!? ")
    return statement.lstrip(".,;:!? ")


def _word_weights(texts: Sequence[str]) -> tuple[dict[str, float], Counter[str]]:
    """Inverse document frequency of each word over all statements (a word everyone uses names nothing), and
    the number of statements each word is in."""
    documents = [set(_words(t.casefold())) for t in texts]
    counts: Counter[str] = Counter()
    for words in documents:
        counts.update(words)
    return {w: float(np.log((1 + len(documents)) / (1 + n))) for w, n in counts.items()}, counts


def misspellings(spread: Counter[str]) -> set[str]:
    """Words that look like slips of the keys: in at most MISSPELLING_MAX_SPREAD statements and one edit (a
    letter swapped with its neighbour, changed, added or left out, but neither the first letter nor at the
    end, where "cost"/"costs" and "priced"/"prices" differ) from a word the statements use at least
    MISSPELLING_RATIO times as often (and in MISSPELLING_MIN_SPREAD statements).
    Both words have at least MISSPELLING_MIN_LETTERS letters ("form"/"from" are both words). The corpus's own
    words are the dictionary: nothing is downloaded, and a product name customers use is spelt as they do."""
    common: dict[str, list[str]] = {}
    for word, n in spread.items():
        if n >= MISSPELLING_MIN_SPREAD and len(word) >= MISSPELLING_MIN_LETTERS and word.isalpha():
            for variant in _deletions(word):
                common.setdefault(variant, []).append(word)
    slips = set()
    for word, n in spread.items():
        if n > MISSPELLING_MAX_SPREAD or len(word) < MISSPELLING_MIN_LETTERS or not word.isalpha():
            continue
        for variant in _deletions(word):
            if any(
                spread[c] >= MISSPELLING_RATIO * n and c != word and _one_slip(word, c)
                for c in common.get(variant, ())
            ):
                slips.add(word)
                break
    return slips


def unknown_slips(spread: Counter[str], words: frozenset[str] | None = None) -> set[str]:
    """Rare words that are no English word but a slip of one the statements use as often: in at most
    MISSPELLING_MAX_SPREAD statements, not in ``words`` (default: the whole words of the bundled model's
    vocabulary, an English word list that ships offline), nor such a word with an English ending, and one edit
    from a listed word of UNKNOWN_MIN_LETTERS letters or more that is in at least as many statements ("doulbe"
    of "double", "watned" of "wanted"; as ``misspellings`` judges an edit, or the first two letters swapped:
    "hwen"). ``misspellings`` needs the right spelling three times as often; a word list needs only that it is a
    word and is used."""
    known = vocabulary_words() if words is None else words
    if not known:
        return set()
    slips = set()
    for word, n in spread.items():
        if n > MISSPELLING_MAX_SPREAD or len(word) < UNKNOWN_MIN_LETTERS or not word.isalpha():
            continue
        if word in known or inflected(word, known):
            continue
        if any(
            c in known and len(c) >= UNKNOWN_MIN_LETTERS and spread[c] >= n
            and (_one_slip(word, c) or c == word[1] + word[0] + word[2:])
            for c in one_edit(word)
        ):  # fmt: skip
            slips.add(word)
    return slips


def one_edit(word: str) -> set[str]:
    """Every string one deletion, insertion, change or neighbour swap away from the word (lower-case letters)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return {
        *(a + b[1:] for a, b in splits if b),
        *(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1),
        *(a + c + b[1:] for a, b in splits if b for c in string.ascii_lowercase),
        *(a + c + b for a, b in splits for c in string.ascii_lowercase),
    }


def inflected(word: str, known: frozenset[str]) -> bool:
    """Whether the word is a listed word with an English ending the list leaves out ("docs", "slows", "cleanly",
    "trucking", "centralised")."""
    for ending, back in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            if any(f"{stem}{b}" in known for b in back):
                return True
    return False


_ENDINGS = (  # an ending, and what its stem may have lost ("tabs" -> "tab", "fixes" -> "fix", "saving" -> "save")
    ("s", ("",)), ("es", ("", "e")), ("ies", ("y",)), ("ed", ("", "e")), ("ing", ("", "e")), ("ly", ("", "le")),
    ("er", ("", "e")), ("ers", ("", "e")), ("est", ("", "e")), ("ised", ("ise", "ize")), ("ized", ("ize", "ise")),
    ("ness", ("",)), ("ment", ("",)), ("able", ("", "e")),
)  # fmt: skip


def space_slips(texts: Sequence[str], spread: Counter[str]) -> set[str]:
    """Rare words left by a space typed one letter off ("ont he spot" for "on the spot", "o nT&M work"): two
    neighbours in at most MISSPELLING_MAX_SPREAD statements that, with the space moved by one letter, are a
    pair the statements use MISSPELLING_RATIO times as often (and in MISSPELLING_MIN_SPREAD statements); of
    the two, the words as rare as the pair are the slips ("ont", not "he")."""
    pairs: Counter[tuple[str, str]] = Counter()
    for text in texts:  # counted by statement, as spread is
        words = _words(text.casefold())
        pairs.update(set(pairwise(words)))
    slips: set[str] = set()
    for (a, b), n in pairs.items():
        if n > MISSPELLING_MAX_SPREAD:
            continue
        for c, d in ((a[:-1], a[-1] + b), (a + b[0], b[1:])):
            if c and d and pairs[(c, d)] >= max(MISSPELLING_MIN_SPREAD, MISSPELLING_RATIO * n):
                slips.update(w for w in (a, b) if spread[w] <= MISSPELLING_MAX_SPREAD)
    return slips


def _deletions(word: str) -> set[str]:
    """The word and the word with any one letter left out (words one edit apart share one of these)."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _one_slip(word: str, other: str) -> bool:
    """Whether word is one edit from other, not at the end: a neighbour swap, a changed, added or lost letter."""
    first = next(
        (i for i, (a, b) in enumerate(zip(word, other, strict=False)) if a != b), min(len(word), len(other))
    )
    if first == 0 or first >= min(len(word), len(other)) - 1:
        return False  # they differ in the first letter ("moved"/"loved"), the last or by an ending
    if len(word) == len(other):
        rest = first + 1
        if (
            word[first + 1 : first + 2] == other[first : first + 1]
            and word[first : first + 1] == other[first + 1 : first + 2]
        ):
            rest = first + 2  # a swap of neighbours
        return word[rest:] == other[rest:]
    shorter, longer = sorted((word, other), key=len)
    return len(longer) == len(shorter) + 1 and longer[first + 1 :] == shorter[first:]


def words_named(statement: str) -> set[str]:
    """The words of a statement that name something (no stop word, no heading word such as "trigger"), each in
    its dictionary form ("hiring"/"hire", "changes"/"change", "grew"/"grow" are one)."""
    return {
        _as_its_word(word)
        for word in _words(without_asides(statement).casefold())
        if _content(word) and word not in _HEADING_WORDS
    }


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _content(word: str) -> bool:
    word = _POSSESSIVE.sub("", word.casefold().strip(".,;:!?'\""))
    bare = word.replace(".", "").replace("-", "")
    return len(word) > 1 and word not in _STOP and bare.isalnum() and not bare.isdigit()


def _capitalised(text: str) -> str:
    text = text.rstrip(".,;:!?")
    return text[:1].upper() + text[1:]


def keyphrases(themes: Sequence[Sequence[str]], all_texts: Sequence[str], *, top: int = 3) -> list[list[str]]:
    """Each theme's most distinctive words and word pairs against all statements (a search aid, not a label).

    The vocabulary and each term's spread are counted once over all statements, then every theme's texts
    are weighed against them (fitting per theme cost ~0.15 s × themes on 30,000 statements).
    """
    vectorizer = CountVectorizer(
        ngram_range=(1, 2),
        stop_words=sorted(w for w in _STOP if w.isalpha()),
        token_pattern=r"(?u)\b[a-z]{3,}\b",
    )
    try:
        counts = vectorizer.fit_transform([text.casefold() for text in all_texts])
    except ValueError:  # every word was a stop word
        return [[] for _ in themes]
    terms = vectorizer.get_feature_names_out()
    spread = (counts > 0).mean(axis=0).A1
    rarity = np.log(1 + 1 / np.maximum(spread, 1e-6))
    rarity[spread > COMMON_TERM_SHARE] = 0
    mine = vectorizer.transform([" ".join(texts).casefold() for texts in themes])
    return [_top_terms(mine[row].toarray().ravel() * rarity, terms, top) for row in range(len(themes))]


def _top_terms(weights: np.ndarray, terms: np.ndarray, top: int) -> list[str]:
    picked: list[str] = []
    for i in np.argsort(-weights):
        if weights[i] <= 0 or len(picked) == top:
            break
        term = str(terms[i])
        if not any(term in p or p in term for p in picked):
            picked.append(term)
    return picked
