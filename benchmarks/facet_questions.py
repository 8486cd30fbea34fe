"""Where a statement sits, cross-validated: a question-only model beside the facet classifier, and named products.

    HF_HUB_OFFLINE=1 PYTHONPATH=. .venv/bin/python benchmarks/facet_questions.py [--skip-names]

On ``facet_training.jsonl`` only (5-fold, seeds 3-6, as ``facet_precision.py --cross-validate --abstention``),
with three ways of splitting the folds: by statement (as the other cross-validations), by question text (no
test question was seen in training) and by paraphrase (questions whose embeddings have cosine >= 0.8 share a
fold), the last being closest to an interview guide nobody has seen. For each: the classifier alone (the bar
the rule gives, CV precision >= 0.90, and precision/recall at ``MIN_PROBABILITY``); the classifier's
probabilities multiplied by a question-only model's P(label | question) ** alpha; the classifier with its question
embedding replaced by that model's out-of-fold P(label | question) (stacked); and an agreement rule that files a
statement from a lower bar when its best facet is the one its question asks about with high probability.
Then what naming a product in the question costs, and what reading the name as "it" gives back.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
from facet_precision import SEEDS, _bar, _curve, _ratio


def _question_groups(examples: Sequence[Any], vectors: np.ndarray, split: str) -> np.ndarray | None:
    """Fold groups: none (statements split alone), one per question text, or one per set of paraphrases."""
    if split == "statement":
        return None
    keys = [e.question or f"#{i}" for i, e in enumerate(examples)]
    if split == "question":
        names = sorted(set(keys))
        return np.asarray([names.index(k) for k in keys])
    # paraphrases: questions whose embeddings have cosine >= 0.8 (linked in chains) share a group
    first = {q: i for i, q in reversed(list(enumerate(keys)))}
    asked = sorted(q for q in first if not q.startswith("#"))
    unit = vectors[[first[q] for q in asked]]
    unit = unit / np.linalg.norm(unit, axis=1, keepdims=True)
    group = list(range(len(asked)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for a, b in zip(*np.nonzero(np.triu(unit @ unit.T, 1) >= 0.8), strict=True):
        group[root(int(a))] = root(int(b))
    place = {q: root(i) for i, q in enumerate(asked)}
    return np.asarray([place.get(k, len(asked) + i) for i, k in enumerate(keys)])


def _with_question_model(
    features: np.ndarray, labels: np.ndarray, questions: np.ndarray, groups: np.ndarray | None, seed: int
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Out-of-fold probabilities of the classifier and of a question-only model P(label | question)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    from icp_assist.analyze.facets import C

    asked = np.abs(questions).sum(axis=1) > 0
    folds = (
        StratifiedKFold(5, shuffle=True, random_state=seed).split(features, labels)
        if groups is None
        else StratifiedGroupKFold(5, shuffle=True, random_state=seed).split(features, labels, groups)
    )
    classes = sorted(set(labels))
    sentence, question = np.zeros((2, len(labels), len(classes)))
    for train, test in folds:
        regression = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
        sentence[test] = regression.fit(features[train], labels[train]).predict_proba(features[test])
        seen = train[asked[train]]
        by_question = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
        by_question.fit(questions[seen], labels[seen])
        question[np.ix_(test, [classes.index(c) for c in by_question.classes_])] = by_question.predict_proba(
            questions[test]
        )
    question[~asked] = 1.0 / len(classes)  # no question known: the question model says nothing
    return classes, sentence, question


def _question_probabilities(
    questions: np.ndarray, labels: np.ndarray, asked: np.ndarray, train: np.ndarray, test: np.ndarray
) -> np.ndarray:
    """P(label | question) for ``test`` from a question-only model fitted on ``train`` (zeros: no question)."""
    from sklearn.linear_model import LogisticRegression

    from icp_assist.analyze.facets import C

    classes = sorted(set(labels))
    seen = train[asked[train]]
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit(questions[seen], labels[seen])
    found = np.zeros((len(test), len(classes)))
    found[:, [classes.index(c) for c in model.classes_]] = model.predict_proba(questions[test])
    found[~asked[test]] = 0.0
    return found


def _stacked(
    features: np.ndarray, labels: np.ndarray, dim: int, groups: np.ndarray | None, seed: int
) -> tuple[list[str], np.ndarray]:
    """Out-of-fold probabilities of the classifier with its question embedding replaced by P(label | question).

    The training rows' P(label | question) are themselves out of fold (5 folds grouped by question text), so
    the classifier learns how far to trust a question model on questions it has not seen.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, StratifiedGroupKFold, StratifiedKFold

    from icp_assist.analyze.facets import C

    questions = features[:, dim : 2 * dim]
    asked = np.abs(questions).sum(axis=1) > 0
    texts = {tuple(np.round(q, 5)) for q in questions}
    by_text = {q: i for i, q in enumerate(sorted(texts))}
    same_question = np.asarray([by_text[tuple(np.round(q, 5))] for q in questions])
    folds = (
        StratifiedKFold(5, shuffle=True, random_state=seed).split(features, labels)
        if groups is None
        else StratifiedGroupKFold(5, shuffle=True, random_state=seed).split(features, labels, groups)
    )
    classes = sorted(set(labels))
    found = np.zeros((len(labels), len(classes)))
    for train, test in folds:
        inner = np.zeros((len(train), len(classes)))
        for fit, held in GroupKFold(5).split(train, groups=same_question[train]):
            inner[held] = _question_probabilities(questions, labels, asked, train[fit], train[held])
        outer = _question_probabilities(questions, labels, asked, train, test)
        regression = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
        regression.fit(np.hstack([features[train, :dim], inner, features[train, 2 * dim :]]), labels[train])
        found[test] = regression.predict_proba(
            np.hstack([features[test, :dim], outer, features[test, 2 * dim :]])
        )
    return classes, found


def cross_validate_question_model(embedder: Any) -> None:
    """A question-only model P(facet | question) beside the classifier, on splits that hide the questions."""
    from icp_assist.analyze.facets import training_examples, training_features

    examples = training_examples()
    features = training_features(examples, embedder)
    labels = np.asarray([e.label for e in examples])
    dim = (features.shape[1] - len(cue_names())) // 2
    questions = features[:, dim : 2 * dim]
    asked = np.asarray([bool(e.question) for e in examples])
    for split in ("statement", "question", "paraphrase"):
        runs = [
            _with_question_model(
                features, labels, questions, _question_groups(examples, questions, split), seed
            )
            for seed in SEEDS
        ]
        base = [(c, s) for c, s, _ in runs]
        print(f"\nSplit by {split} (seeds {SEEDS}): classifier alone, rule bar {_bar(base, labels)}, at 0.60 "
              "precision {:.3f} recall {:.3f}".format(*_curve(base, labels, 0.6)))  # fmt: skip
        for alpha in (0.25, 0.5, 1.0):  # a product of the two models' probabilities
            mixed = [(c, s * np.clip(q, 1e-6, 1.0) ** alpha) for c, s, q in runs]
            mixed = [(c, p / p.sum(axis=1, keepdims=True)) for c, p in mixed]
            print(f"  product, question ** {alpha}: rule bar {_bar(mixed, labels)}, at 0.60 precision "
                  "{:.3f} recall {:.3f}".format(*_curve(mixed, labels, 0.6)))  # fmt: skip
        stacked = [
            _stacked(features, labels, dim, _question_groups(examples, questions, split), seed)
            for seed in SEEDS
        ]
        print(f"  question embedding replaced by P(label | question): rule bar {_bar(stacked, labels)}, at 0.60 "
              "precision {:.3f} recall {:.3f}".format(*_curve(stacked, labels, 0.6)))  # fmt: skip
        for sure in (0.6, 0.7, 0.8):
            for lower in (0.35, 0.4, 0.45, 0.5, 0.55):
                print(f"  agreement (question model >= {sure}), filed from {lower}: " + _agreement_rule(
                    runs, labels, asked, sure, lower))  # fmt: skip


INVENTED_NAMES = ("Ledgerly", "Shiftwise", "Carebook", "Routemark", "Stockline")  # products no set mentions
_PRODUCT = re.compile(r"\b(it|us|the product|the tool|this tool)(?=\s*[?.]\s*$)")


def cross_validate_named_questions(embedder: Any) -> None:
    """What a product's name in the question costs (CV at 0.6), and what reading it as "it" gives back."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    from icp_assist.analyze.facets import NONE, C, training_examples, training_features
    from icp_assist.analyze.product import without_names

    examples = training_examples()
    features = training_features(examples, embedder)
    labels = np.asarray([e.label for e in examples])
    dim = (features.shape[1] - len(cue_names())) // 2
    rows = [i for i, e in enumerate(examples) if e.question and _PRODUCT.search(e.question)]
    named = {
        name: embedder.embed([_PRODUCT.sub(name, examples[i].question or "") for i in rows])
        for name in INVENTED_NAMES
    }
    read = {name: embedder.embed([without_names(_PRODUCT.sub(name, examples[i].question or "")) for i in rows]) for name in INVENTED_NAMES}  # fmt: skip
    counts = {variant: np.zeros(2) for variant in ("as written", "named", "name read as it")}
    for seed in SEEDS:
        for train, test in StratifiedKFold(5, shuffle=True, random_state=seed).split(features, labels):
            regression = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
            regression.fit(features[train], labels[train])
            facets = [j for j, c in enumerate(regression.classes_) if c != NONE]
            held = [k for k, i in enumerate(rows) if i in set(test)]
            if not held:
                continue
            chosen = [rows[k] for k in held]
            variants = [("as written", features[chosen], 1)]
            for name in INVENTED_NAMES:
                for variant, vectors in (("named", named[name]), ("name read as it", read[name])):
                    changed = features[chosen].copy()
                    changed[:, dim : 2 * dim] = vectors[held]
                    variants.append((variant, changed, len(INVENTED_NAMES)))
            for variant, matrix, weight in variants:
                probabilities = regression.predict_proba(matrix)[:, facets]
                best = regression.classes_[facets][probabilities.argmax(axis=1)]
                filed = probabilities.max(axis=1) >= 0.6
                counts[variant] += (
                    np.asarray([(filed & (best == labels[chosen])).sum(), filed.sum()]) / weight
                )
    total = int((labels[rows] != NONE).sum()) * len(SEEDS)
    print(
        f"\nA product named in the question: {len(rows)} statements whose question ends on it/us/the product/the tool"
    )
    for variant, (right, filed) in counts.items():
        print(f"  {variant}: precision {right / filed:.3f}, recall {right / total:.3f} (filed {filed:.0f})")


def _agreement_rule(
    runs: Sequence[tuple[list[str], np.ndarray, np.ndarray]],
    labels: np.ndarray,
    asked: np.ndarray,
    sure: float,
    lower: float,
) -> str:
    """Precision of the agreeing statements filed from ``lower``, of all filed, and of those it adds below 0.6."""
    from icp_assist.analyze.facets import NONE

    counts = np.zeros(6)  # agreeing right/filed, all right/filed, added right/filed
    for classes, sentence, question in runs:
        facets = [i for i, c in enumerate(classes) if c != NONE]
        best = np.asarray(classes)[facets][sentence[:, facets].argmax(axis=1)]
        top = sentence[:, facets].max(axis=1)
        agreeing = _agreement(classes, sentence, question, asked, sure) & (top >= lower)
        right = best == labels
        for k, chosen in enumerate((agreeing, (top >= 0.6) | agreeing, agreeing & (top < 0.6))):
            counts[2 * k : 2 * k + 2] += ((chosen & right).sum(), chosen.sum())
    total = int((labels != NONE).sum()) * len(runs)
    return (
        f"agreeing {_ratio(int(counts[0]), int(counts[1]))}; all filed {_ratio(int(counts[2]), int(counts[3]))}, "
        f"recall {counts[2] / total:.3f}; {counts[5] / len(runs):.0f} added per run, precision "
        f"{_ratio(int(counts[4]), int(counts[5]))}"
    )


def _agreement(
    classes: Sequence[str], sentence: np.ndarray, question: np.ndarray, asked: np.ndarray, sure: float
) -> np.ndarray:
    """Statements whose best facet is the one their question asks about with probability >= ``sure``."""
    from icp_assist.analyze.facets import NONE

    facets = [i for i, c in enumerate(classes) if c != NONE]
    best = sentence[:, facets].argmax(axis=1)
    return asked & (best == question[:, facets].argmax(axis=1)) & (question[:, facets].max(axis=1) >= sure)


def cue_names() -> list[str]:
    """The cue columns at the end of the classifier's features."""
    from icp_assist.analyze.facets import CUES, QUESTION_CUES

    return [*CUES, *QUESTION_CUES, "fragment"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-names", action="store_true", help="leave out the named-product check")
    args = parser.parse_args()
    from icp_assist.embed import MiniLMEmbedder

    embedder = MiniLMEmbedder()
    cross_validate_question_model(embedder)
    if not args.skip_names:
        cross_validate_named_questions(embedder)


if __name__ == "__main__":
    main()
