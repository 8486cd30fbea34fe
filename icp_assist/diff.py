"""`icp-assist diff`: what changed between two versions of the ICP (icp.json) or of its themes (themes.json).

Themes keep their id from build to build (the workspace's theme codebook), so themes.json entries are
matched by id first. Criteria, and themes from files written before ids were stable, are matched by their
wording: the same value first, then the best keyphrase overlap (Jaccard of words) of at least FUZZY_MATCH.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Literal, NamedTuple, TypeVar

from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from .errors import IcpAssistError
from .jsonfile import first_error, read_json
from .models import Confidence, Criterion, Evidence, IcpProfile, RubricRule, Theme
from .records import source_key

CRITERIA_SECTIONS = ("firmographics", "technographics")
# Every section of the page whose lines come and go with what customers said (the whole story, not only the top)
THEME_SECTIONS = (
    "reasons_chosen", "triggers", "pain_points", "goals", "buying_committee", "objections", "competitors",
    "alternatives", "outcomes", "complaints", "churn_reasons", "loss_reasons", "negative_signals",
)  # fmt: skip
HEADLINE_COUNTS = ("interviews", "respondents", "accounts")
FUZZY_MATCH = 0.5

ChangeKind = Literal[
    "added",
    "removed",
    "changed",
    "appeared",
    "vanished",
    "rose",
    "fell",
    "merged",
    "hidden",
    "off_page",
    "onto_page",
]
RuleChangeKind = Literal["added", "removed", "changed"]


class DiffError(IcpAssistError):
    """An icp.json or themes.json cannot be read, or the two files cannot be compared."""


class Standing(BaseModel):
    """Where a criterion or theme stood in one version: its confidence and the counts behind it."""

    confidence: Confidence | None = None
    interviews: int | None = None
    respondents: int | None = Field(default=None, description="Distinct survey respondents.")
    accounts: int | None = Field(default=None, description="Known accounts that raise a theme.")
    mentions: int | None = Field(default=None, description="Interviews/answers naming a decision maker.")
    n: int | None = Field(default=None, description="Accounts with this value and a known outcome.")
    rate: float | None = None
    lift: float | None = None

    def sources(self) -> int | None:
        """What rose/fell compares: interviews plus respondents, else mentions, else accounts with an outcome."""
        if self.interviews is not None or self.respondents is not None:
            return (self.interviews or 0) + (self.respondents or 0)
        return self.mentions if self.mentions is not None else self.n


class Change(BaseModel):
    """One criterion or theme that was added, removed or moved between the old and the new version."""

    section: str = Field(description="e.g. 'technographics' or 'pain_points'; the facet for themes.json.")
    change: ChangeKind
    attribute: str
    value: str = Field(description="As the new version words it (the old one when removed or vanished).")
    old_value: str | None = Field(default=None, description="The old wording, when matched by keyphrases.")
    into: str | None = Field(default=None, description="Merged: the theme an analyst merged it into.")
    old: Standing | None = None
    new: Standing | None = None
    theme_id: str | None = Field(default=None, description="The theme a profile line is drawn from, if any.")
    still: Standing | None = Field(
        default=None,
        description="off_page/onto_page: the theme's standing in the other build's themes.json, where it is a "
        "theme still (or already) but no line of the page's section.",
    )
    regrouped: int | None = Field(
        default=None,
        description="rose: of the interviews and respondents it gained, those the earlier build's themes already "
        "held (their statements grouped here now, nothing new said); appeared: of those it holds.",
    )
    sources: int | None = Field(
        default=None,
        description="appeared: the interviews and respondents it holds (with regrouped); rose: those it gained.",
    )


class RubricChange(BaseModel):
    """A scoring rule added, removed or given different points."""

    change: RuleChangeKind
    attribute: str
    value: str
    old_points: float | None = None
    new_points: float | None = None


class CountChange(BaseModel):
    """A headline count (interviews, respondents, accounts, ...) that differs; None where a version lacks it."""

    name: str
    old: int | None = None
    new: int | None = None


class ProfileDiff(BaseModel):
    """What changed between two ICP versions (or two themes.json files), section by section."""

    kind: Literal["icp", "themes"] = "icp"
    changes: list[Change] = Field(default_factory=list)
    rubric: list[RubricChange] = Field(default_factory=list)
    rubric_base: tuple[float, float] | None = Field(default=None, description="(old, new) when it changed.")
    counts: list[CountChange] = Field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.changes or self.rubric or self.rubric_base or self.counts)


# --- reading the files ---------------------------------------------------------------------------

_THEME_LIST = TypeAdapter(list[Theme])


def load_profile(path: Path) -> IcpProfile:
    """The ICP in an icp.json written by `icp-assist build`; DiffError names the file and what is wrong."""
    return _as_profile(path, _read_json(path))


def load_themes(path: Path) -> list[Theme]:
    """The themes in a themes.json written by `icp-assist build`."""
    return _as_themes(path, _read_json(path))


def diff_files(old_path: Path, new_path: Path, *, hidden: Collection[str] = ()) -> ProfileDiff:
    """Compare two icp.json files, or two themes.json files (told apart by their JSON: object or list);
    ``hidden``: ids of themes an analyst hid (corrections.json), shown as hidden rather than vanished."""
    old, new = _load(old_path), _load(new_path)
    if isinstance(old, IcpProfile) and isinstance(new, IcpProfile):
        return diff_profiles(
            old, new, old_themes=_themes_beside(old_path), new_themes=_themes_beside(new_path)
        )
    if isinstance(old, list) and isinstance(new, list):
        return diff_themes(old, new, hidden=hidden)
    raise DiffError(
        f"cannot compare {old_path} ({_kind_of(old)}) with {new_path} ({_kind_of(new)}): "
        "give two icp.json files or two themes.json files"
    )


def _themes_beside(path: Path) -> list[Theme] | None:
    """The themes.json build wrote beside an icp.json, if it is there and readable."""
    beside = path.parent / "themes.json"
    try:
        return load_themes(beside) if beside.is_file() else None
    except DiffError:
        return None


def _load(path: Path) -> IcpProfile | list[Theme]:
    data = _read_json(path)
    return _as_themes(path, data) if isinstance(data, list) else _as_profile(path, data)


def _kind_of(version: IcpProfile | list[Theme]) -> str:
    return "an icp.json" if isinstance(version, IcpProfile) else "a themes.json"


def _read_json(path: Path) -> object:
    return read_json(path, error=DiffError, produced_by="`icp-assist build` writes icp.json and themes.json")


def _as_profile(path: Path, data: object) -> IcpProfile:
    # IcpProfile fills every field with a default, so an object sharing none of its keys is some other file.
    if not isinstance(data, dict) or not set(data) & set(IcpProfile.model_fields):
        raise DiffError(
            f"{path}: not an icp.json (expected an object with firmographics, pain_points, rubric, ...) "
            "or a themes.json (a list of themes)"
        )
    try:
        return IcpProfile.model_validate(data)
    except ValidationError as ex:
        raise DiffError(f"{path}: not a valid icp.json: {first_error(ex)}") from ex


def _as_themes(path: Path, data: object) -> list[Theme]:
    if not isinstance(data, list):
        raise DiffError(f"{path}: not a themes.json (expected a list of themes)")
    try:
        return _THEME_LIST.validate_python(data)
    except ValidationError as ex:
        raise DiffError(f"{path}: not a valid themes.json: {first_error(ex)}") from ex


# --- comparing -----------------------------------------------------------------------------------


def diff_profiles(
    old: IcpProfile,
    new: IcpProfile,
    *,
    old_themes: Sequence[Theme] | None = None,
    new_themes: Sequence[Theme] | None = None,
) -> ProfileDiff:
    """Criteria added, removed or changed; themes appeared, vanished, rose or fell; rubric and counts. With the
    themes.json of each build, a line that left a section's list while its theme is still a theme is told so (off
    the page), and one that joined the list while a theme already (onto the page): a section shows its first few
    themes, and one pushed out by another is no complaint customers stopped making (qa283: "- complaints: Price went
    up at renewal", still 8 respondents' theme)."""
    changes: list[Change] = []
    for section in CRITERIA_SECTIONS + THEME_SECTIONS:
        changes.extend(_section_changes(section, getattr(old, section), getattr(new, section)))
    for change, themes in ((c, new_themes if c.change == "vanished" else old_themes) for c in changes):
        # (by its id, else by its wording: a re-exported survey read anew cuts the same theme under a new id)
        theme = next(
            (t for t in themes or () if change.theme_id and t.theme_id == change.theme_id), None
        ) or next((t for t in themes or () if _normal(t.label) == _normal(change.value)), None)
        if theme is not None and change.change in ("vanished", "appeared"):
            change.change = "off_page" if change.change == "vanished" else "onto_page"
            change.still = _theme_standing(theme)
    if old_themes is not None and new_themes is not None:
        _tell_regrouped(changes, old_themes, new_themes)
    base = (old.rubric.base, new.rubric.base)
    return ProfileDiff(
        changes=changes,
        rubric=_rubric_changes(old.rubric.rules, new.rubric.rules),
        rubric_base=base if base[0] != base[1] else None,
        counts=_count_changes(old.counts, new.counts),
    )


def diff_themes(old: Sequence[Theme], new: Sequence[Theme], *, hidden: Collection[str] = ()) -> ProfileDiff:
    """Themes appeared, vanished, rose or fell (by interviews + respondents): matched by theme id, then by
    label within a facet, then by keyphrase overlap. A theme an analyst merged into another (corrections)
    is shown as merged, and one in ``hidden`` (ids an analyst hid) as hidden, not as vanished."""
    present = {t.theme_id for t in new}
    gone = [t for t in old if t.theme_id in set(hidden) - present]
    old = [t for t in old if t not in gone]
    into = {m: t for t in new for m in t.merged_from if m not in present}
    merged = [
        Change(
            section=t.facet, change="merged", attribute=t.facet, value=t.label, into=into[t.theme_id].label
        )
        for t in old
        if t.theme_id in into
    ]
    kept = [t for t in old if t.theme_id not in into]
    changes = _entry_changes(_theme_entries(kept), _theme_entries(new), themed=True, by_id=True)
    _tell_regrouped(changes, old, new)
    hid = [Change(section=t.facet, change="hidden", attribute=t.facet, value=t.label) for t in gone]
    return ProfileDiff(kind="themes", changes=changes + merged + hid)


def _tell_regrouped(changes: Sequence[Change], old: Sequence[Theme], new: Sequence[Theme]) -> None:
    """Each theme that rose told how many of the sources it gained the earlier build's themes already held: a build
    on more data cuts its headings again, and an interview of the earlier build grouped here now is nothing new
    said (qa291: "Keg problem would triple 4 → 7 interviews" after two interviews were added, two of its three
    more from the earlier build; qa292 likewise). A respondent is known by id, whatever file the survey was exported
    to (``source_key``, qa293)."""
    earlier = {source_key(d) for t in old for d in t.documents}
    before = {t.theme_id: t for t in old}
    after = {t.theme_id: t for t in new}
    for change in changes:
        if change.change == "rose" and change.theme_id in before and change.theme_id in after:
            gained = {source_key(d) for d in after[change.theme_id].documents} - {
                source_key(d) for d in before[change.theme_id].documents
            }
            change.regrouped = len(gained & earlier) or None
            change.sources = len(gained)
        elif (
            change.change in ("appeared", "added")
            and change.theme_id in after
            and change.theme_id not in before
        ):
            # (and a theme new to this build, of the sources it holds: "+ pain_points: Calling customers (7
            # interviews)" after three were added, four of them the earlier build's, qa295, qa296)
            held = {source_key(d) for d in after[change.theme_id].documents}
            change.regrouped = len(held & earlier) or None
            change.sources = len(held)


class _Entry(NamedTuple):
    """A criterion or theme as the diff sees it."""

    section: str
    attribute: str  # entries only ever match within one attribute (the facet, for themes)
    value: str
    standing: Standing
    words: frozenset[str]  # for matching a reworded entry; empty when it must match exactly
    theme_id: str = ""
    # what it quotes, as said: a theme cut again with a new id and label still holds the same statements (a survey
    # re-exported and the old export forgotten, qa280, qa281: unchanged themes shown as removed and added)
    quotes: frozenset[str] = frozenset()


def _criterion_entries(section: str, criteria: Sequence[Criterion]) -> list[_Entry]:
    return [
        _Entry(
            section,
            c.attribute,
            c.value,
            _standing(c),
            _criterion_words(c),
            c.theme_id or "",
            _quotes(c.evidence),
        )
        for c in criteria
    ]


def _theme_entries(themes: Sequence[Theme]) -> list[_Entry]:
    return [
        _Entry(
            t.facet,
            t.facet,
            t.label,
            _theme_standing(t),
            _words(*t.keyphrases or [t.label]),
            t.theme_id,
            _quotes(t.members or t.evidence),
        )
        for t in themes
    ]


def _section_changes(section: str, old: Sequence[Criterion], new: Sequence[Criterion]) -> list[Change]:
    # a line drawn from a theme keeps the theme's id when it is relabelled: it pairs by id first, as the
    # themes' own diff does, so the profile's diff and the themes' diff agree that it was renamed
    themed = section in THEME_SECTIONS
    return _entry_changes(
        _criterion_entries(section, old), _criterion_entries(section, new), themed=themed, by_id=themed
    )


def _entry_changes(
    old: Sequence[_Entry], new: Sequence[_Entry], *, themed: bool, by_id: bool = False
) -> list[Change]:
    """Added, then changed, then removed entries; themed ones match fuzzily and rise or fall by their counts.

    With ``by_id``, entries with the same theme id pair first (a theme keeps its id when relabelled or
    moved to another facet), and only the rest are matched by wording.
    """
    same_id: list[tuple[_Entry, _Entry]] = []
    if by_id:
        ids = _unique_ids(old) & _unique_ids(new)
        old_ids = {e.theme_id: e for e in old if e.theme_id in ids}
        same_id = [(old_ids[e.theme_id], e) for e in new if e.theme_id in ids]
        old = [e for e in old if e.theme_id not in ids]
        new = [e for e in new if e.theme_id not in ids]
    pairs, removed, added = _match(
        old,
        new,
        key=lambda e: (e.attribute, _normal(e.value)),
        words=(lambda e: e.words) if themed else None,
        quotes=(lambda e: e.quotes) if themed else None,
    )
    pairs = same_id + pairs
    gained: ChangeKind = "appeared" if themed else "added"
    lost: ChangeKind = "vanished" if themed else "removed"
    changes = [_one_sided(entry, gained) for entry in added]
    for before, after in pairs:
        renamed = _normal(before.value) != _normal(after.value)
        kind = _movement(before.standing, after.standing, renamed=renamed)
        if kind:
            changes.append(
                Change(
                    section=after.section,
                    change=kind if themed else "changed",
                    attribute=after.attribute,
                    value=after.value,
                    old_value=before.value if renamed else None,
                    old=before.standing,
                    new=after.standing,
                    theme_id=after.theme_id or None,
                )
            )
    return changes + [_one_sided(entry, lost) for entry in removed]


def _unique_ids(entries: Sequence[_Entry]) -> set[str]:
    """Theme ids that name exactly one entry (only those can pair by id)."""
    counts = Counter(e.theme_id for e in entries if e.theme_id)
    return {theme_id for theme_id, n in counts.items() if n == 1}


def _one_sided(entry: _Entry, kind: ChangeKind) -> Change:
    """An entry found in only one version (added/appeared or removed/vanished)."""
    gone = kind in ("removed", "vanished")
    return Change(
        section=entry.section,
        change=kind,
        attribute=entry.attribute,
        value=entry.value,
        old=entry.standing if gone else None,
        new=None if gone else entry.standing,
        theme_id=entry.theme_id or None,
    )


def _movement(old: Standing, new: Standing, *, renamed: bool) -> ChangeKind | None:
    before, after = old.sources(), new.sources()
    if before is not None and after is not None and before != after:
        return "rose" if after > before else "fell"
    return "changed" if renamed or old != new else None


def _rubric_changes(old: Sequence[RubricRule], new: Sequence[RubricRule]) -> list[RubricChange]:
    pairs, removed, added = _match(old, new, key=lambda r: (r.attribute, _normal(r.value)))
    changes = [
        RubricChange(change="added", attribute=r.attribute, value=r.value, new_points=r.points) for r in added
    ]
    changes += [
        RubricChange(
            change="changed",
            attribute=after.attribute,
            value=after.value,
            old_points=before.points,
            new_points=after.points,
        )
        for before, after in pairs
        if before.points != after.points
    ]
    changes += [
        RubricChange(change="removed", attribute=r.attribute, value=r.value, old_points=r.points)
        for r in removed
    ]
    return changes


def _count_changes(old: dict[str, int], new: dict[str, int]) -> list[CountChange]:
    others = sorted((old.keys() | new.keys()) - set(HEADLINE_COUNTS))
    names = [n for n in HEADLINE_COUNTS if n in old or n in new] + others
    return [CountChange(name=n, old=old.get(n), new=new.get(n)) for n in names if old.get(n) != new.get(n)]


_REACH = re.compile(
    # ("in 2 other interviews/answers": a committee line beside its function's, qa301, qa303)
    r"(\d+) (?:other )?(interviews/answers|interview/answer|interview|survey respondent|known account)s?\b"
)
_RECORDED_FOR = re.compile(r"\brecorded in the CRM's .* for (\d+) of the \d+ \w+ accounts\b")
_REACH_FIELD = {
    "interviews/answers": "mentions", "interview/answer": "mentions", "interview": "interviews",
    "survey respondent": "respondents", "known account": "accounts",
}  # fmt: skip


def _standing(criterion: Criterion) -> Standing:
    """Confidence, the signal's numbers, and (for themes and the committee) the counts its reason states."""
    standing = Standing(confidence=criterion.confidence)
    signal = criterion.signal
    if signal is not None:
        # Rounded so that float noise between builds does not read as a change.
        standing.n, standing.rate, standing.lift = signal.n, round(signal.rate, 3), round(signal.lift, 2)
        return standing
    for number, unit in _REACH.findall(criterion.reason):
        setattr(standing, _REACH_FIELD[unit], int(number))
    if recorded := _RECORDED_FOR.search(criterion.reason):
        # a reason the CRM records, by the accounts it is recorded for (qa284: "Churn - Acquired by group" went from 1
        # to 2 of the churned accounts, and the diff said nothing)
        standing.n = int(recorded.group(1))
    if standing.interviews is not None and standing.respondents is None:
        standing.respondents = 0  # the reason leaves out "0 survey respondents"
    if standing.respondents is not None and standing.interviews is None and standing.mentions is None:
        standing.interviews = (
            0  # ... or "0 interviews" ("raised by 3 survey respondents"), where it counts them
        )
    return standing


def _theme_standing(theme: Theme) -> Standing:
    return Standing(interviews=theme.interviews, respondents=theme.respondents, accounts=theme.accounts)


def _criterion_words(criterion: Criterion) -> frozenset[str]:
    """Words to match a reworded theme or committee member by; firmographic values only match exactly."""
    if criterion.signal is not None and criterion.theme_id is None:
        return frozenset()
    return _words(criterion.value)


T = TypeVar("T")


def _match(
    old: Sequence[T],
    new: Sequence[T],
    *,
    key: Callable[[T], tuple[str, str]],
    words: Callable[[T], frozenset[str]] | None = None,
    quotes: Callable[[T], frozenset[str]] | None = None,
) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """(old, new) pairs in new order, then the old items left unmatched, then the new ones.

    ``key`` is (group, text): items pair on an equal key first, then (with ``words``) within a group on
    the highest overlap of at least FUZZY_MATCH, of their words or (with ``quotes``) of the statements they quote,
    each item at most once.
    """
    unmatched: dict[tuple[str, str], list[int]] = {}
    for i, item in enumerate(old):
        unmatched.setdefault(key(item), []).append(i)
    paired: dict[int, int] = {}  # new index -> old index
    for j, item in enumerate(new):
        if unmatched.get(key(item)):
            paired[j] = unmatched[key(item)].pop(0)
    if words is not None:
        _match_fuzzy(old, new, paired, key=key, words=words, quotes=quotes)
    taken = set(paired.values())
    return (
        [(old[i], new[j]) for j, i in sorted(paired.items())],
        [item for i, item in enumerate(old) if i not in taken],
        [item for j, item in enumerate(new) if j not in paired],
    )


def _match_fuzzy(
    old: Sequence[T],
    new: Sequence[T],
    paired: dict[int, int],
    *,
    key: Callable[[T], tuple[str, str]],
    words: Callable[[T], frozenset[str]],
    quotes: Callable[[T], frozenset[str]] | None = None,
) -> None:
    taken = set(paired.values())

    def overlap(a: T, b: T) -> float:
        # (the share of the fewer quotes the other holds too: a profile line shows two or three of its theme's, and a
        # section shows no quote twice, so one shared quote of two is the same line)
        said = _shared_share(quotes(a), quotes(b)) if quotes else 0.0
        return max(_jaccard(words(a), words(b)), said)

    scored = sorted(
        (-overlap(old[i], new[j]), i, j)
        for i in range(len(old))
        if i not in taken
        for j in range(len(new))
        if j not in paired and key(old[i])[0] == key(new[j])[0]
    )
    for negative, i, j in scored:
        if -negative < FUZZY_MATCH:
            break
        if i not in taken and j not in paired:
            paired[j] = i
            taken.add(i)


def _quotes(evidence: Sequence[Evidence]) -> frozenset[str]:
    """The statements quoted, as said (case and spacing aside): the same words from another file are the same."""
    return frozenset(_normal(e.quote) for e in evidence)


def _words(*texts: str) -> frozenset[str]:
    return frozenset(word for text in texts for word in re.findall(r"[^\W_]+", text.casefold()))


def _shared_share(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


# --- rendering -----------------------------------------------------------------------------------

_SIGN = {
    "added": "+",
    "appeared": "+",
    "removed": "-",
    "vanished": "-",
    "hidden": "-",
    "off_page": "-",
    "onto_page": "+",
}
_NAMED_ATTRIBUTE = {*CRITERIA_SECTIONS, "negative_signals"}  # sections whose lines show the attribute
_UNITS = (
    ("interviews", "interview", "interviews"),
    ("respondents", "survey respondent", "survey respondents"),
    ("accounts", "known account", "known accounts"),
    ("mentions", "interview/answer", "interviews/answers"),
)


def render_diff(diff: ProfileDiff) -> str:
    """Plain text for the terminal, one line per change; "No changes" when the versions agree."""
    lines = [_change_line(c) for c in diff.changes]
    lines += [_rule_line(r) for r in diff.rubric]
    if diff.rubric_base:
        lines.append(f"~ rubric: base {diff.rubric_base[0]:g} → {diff.rubric_base[1]:g}")
    lines += [_count_line(c) for c in diff.counts]
    return "\n".join(lines) if lines else "No changes"


def _change_line(change: Change) -> str:
    name = f"{change.attribute} {change.value}" if change.section in _NAMED_ATTRIBUTE else change.value
    head = f"{_SIGN.get(change.change, '~')} {change.section}: {name}"
    if change.into is not None:
        return f"{head} merged into {change.into}"
    if change.change == "hidden":
        return f"{head} hidden (corrections.json)"
    if change.old is not None and change.new is not None:
        renamed = f" (was {change.old_value})" if change.old_value else ""
        line = f"{head}{renamed} {', '.join(_deltas(change.old, change.new))}".rstrip()
        if change.regrouped:
            # of what it gained, the regrouped and the new told apart (qa304: "2 → 6 interviews (2 sources of the
            # earlier build among them: regrouped here, nothing new said)" read as if the rise were all regrouping,
            # two new interviews among the four)
            n, of = change.regrouped, change.sources or change.regrouped
            line += (
                f" (all {n} it gained in the earlier build's themes: regrouped here, nothing new said)"
                if n >= of
                else f" (of the {of} it gained, {n} in the earlier build's themes, regrouped here; {of - n} new)"
            )
        return line
    standing = change.new or change.old
    described = _describe(standing) if standing else ""
    line = f"{head} ({described})" if described else head
    if change.regrouped:
        n, of = change.regrouped, change.sources or change.regrouped
        line += (
            f" (all {n} of its sources in the earlier build's themes: regrouped here, nothing new said)"
            if n >= of
            else f" ({n} of its {of} sources in the earlier build's themes: regrouped here)"
        )
    if change.still is not None:
        line += (
            f" off the page's list; still a theme ({_describe(change.still)}) in themes.json"
            if change.change == "off_page"
            else f" newly on the page's list; a theme already ({_describe(change.still)}) in the old themes.json"
        )
    return line


def _describe(standing: Standing) -> str:
    parts = []
    if standing.n is not None:
        parts.append(f"n={standing.n}")
    if standing.lift is not None:
        parts.append(f"lift {standing.lift:.1f}×")
    for name, one, many in _UNITS:
        number = getattr(standing, name)
        if number:
            parts.append(f"{number} {one if number == 1 else many}")
    if standing.confidence:
        parts.append(f"{standing.confidence} confidence")
    return ", ".join(parts)


def _deltas(old: Standing, new: Standing) -> list[str]:
    deltas = []
    for name, _, many in _UNITS:
        before, after = getattr(old, name), getattr(new, name)
        if (before or 0) != (after or 0):  # an unstated count is none: "0 → 0" says nothing (qa20)
            deltas.append(f"{before or 0} → {after or 0} {many}")
    if old.n != new.n:
        # (a reason the CRM records has no rate: its n is the accounts it is recorded for)
        recorded = old.rate is None and new.rate is None
        deltas.append(f"recorded for {old.n} → {new.n} accounts" if recorded else f"n {old.n} → {new.n}")
    if old.rate != new.rate and old.rate is not None and new.rate is not None:
        deltas.append("rate " + _pair(old.rate, new.rate, "{:.0%}", "{:.1%}"))
    if old.lift != new.lift and old.lift is not None and new.lift is not None:
        deltas.append("lift " + _pair(old.lift, new.lift, "{:.1f}×", "{:.2f}×"))
    if old.confidence != new.confidence:
        deltas.append(f"confidence {old.confidence} → {new.confidence}")
    return deltas


def _pair(old: float, new: float, coarse: str, fine: str) -> str:
    """ "old → new", with more digits when the short form would show two equal numbers."""
    shape = fine if coarse.format(old) == coarse.format(new) else coarse
    return f"{shape.format(old)} → {shape.format(new)}"


def _rule_line(rule: RubricChange) -> str:
    head = f"{_SIGN.get(rule.change, '~')} rubric: {rule.attribute} {rule.value}"
    if rule.old_points is not None and rule.new_points is not None:
        return f"{head} {rule.old_points:+g} → {rule.new_points:+g} points"
    points = rule.new_points if rule.new_points is not None else rule.old_points
    return f"{head} ({points:+g} points)"


def _count_line(count: CountChange) -> str:
    if count.old is None:
        return f"+ counts: {count.name} {count.new}"
    if count.new is None:
        return f"- counts: {count.name} (was {count.old})"
    return f"~ counts: {count.name} {count.old} → {count.new}"
