"""The gold set is well formed, matches the shared texts, and the analyzers stay above
the scores measured on it (a regression floor a little under the numbers in BENCHMARKS.md:
over the tune articles, and for speakers over the 25 held-out ones)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spinscope.analyze.attribution.dates import DateAnalyzer
from spinscope.analyze.attribution.entities import EntityAnalyzer
from spinscope.analyze.attribution.gold import WhoScores, gold_files, load_gold, score_article, statements
from spinscope.analyze.attribution.quotes import QuoteAnalyzer

# over the tune articles only (session 13), so that reading a failure shows nothing of the held-out
# ones; session 14 (40 more tune articles, no rule had seen them; the poll widget blanked): mentions
# 0.880, linked 0.844, quotes 0.815, speakers 0.678, date values 0.958; session 15 (40 more tune
# articles, ranks 226-265, scored 0.598 on their own before any rule saw them): speakers 0.663;
# then 40 more (ranks 266-305, 0.568 on their own, many unmarked blocks): quotes 0.802, speakers 0.653;
# end of session 15: quotes 0.805, speakers 0.666; session 16 added 60 long tune articles (ranks 306-365,
# 1,351 statements, many pasted blocks; 0.536 on their own before any rule changed): over all 342
# tune articles quotes 0.792, speakers 0.636 (on the 282 of session 15, 0.809 and 0.672); session 17:
# quotes 0.794, speakers 0.644; session 18 (NER spans cleaned and split): mentions 0.883, linked 0.847,
# speakers 0.645; session 19 (sources named through an outlet or "the company"): speakers 0.649;
# session 20 (speech inside quotations, "they", national governments): speakers 0.659; session 21
# (passives, messages' writers, quotations across a line break, asides inside a sentence): 0.669
FLOORS = {"mentions": 0.875, "linked": 0.84, "quotes": 0.78, "speakers": 0.665, "date_values": 0.95}
# issue 11's declared figure: speakers over the 25 held-out articles (0.609 in session 11, 0.633 in 14,
# 0.639 in 15, 0.641 in 16, 17, 18 and 19, 0.643 in 20, 0.650 in 21: the 0.65 target, by one statement)
HELDOUT_SPEAKERS_FLOOR = 0.65  # the target itself: a change that loses one held-out statement fails here


def test_gold_files_hold_no_text() -> None:
    files = gold_files()
    assert len(files) >= 22
    for path in files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert set(gold) - {"layers"} == {"id", "split", "source", "published", "sha256", "length", "entities", "quotes", "dates"}
        assert set(gold.get("layers", ["quotes"])) <= {"entities", "quotes", "dates"}
        for ent in gold["entities"]:
            assert set(ent) == {"canonical", "type", "mentions"}
            assert ent["type"] in {"PERSON", "ORG", "GPE", "LOC", "NORP"}
            for start, end in ent["mentions"]:
                assert 0 <= start < end <= gold["length"]
        for q in gold["quotes"]:
            assert set(q) == {"start", "end", "kind", "speaker"}
            assert q["kind"] in {"direct", "partial", "indirect"}
            assert 0 <= q["start"] < q["end"] <= gold["length"]
        for d in gold["dates"]:
            assert set(d) == {"start", "end", "value", "interval"}


@pytest.mark.shared
@pytest.mark.slow  # over 5 s (pytest --durations=0)
def test_gold_matches_shared_texts_and_scores_hold(shared_dir: Path) -> None:
    gold = load_gold(shared_dir)  # raises DataError if a text changed
    semeval = [g for g in gold if g.gold["source"].startswith("semeval2023/")]
    assert len([g for g in semeval if g.split == "tune"]) >= 20
    assert {g.split for g in gold} == {"tune", "heldout"}
    assert len([g for g in semeval if g.split == "heldout"]) >= 15
    articles = [g.article() for g in gold]
    for analyzer in (EntityAnalyzer(), QuoteAnalyzer(), DateAnalyzer()):
        analyzer(articles)
    scores, heldout = WhoScores(), WhoScores()
    for g, article in zip(gold, articles, strict=True):
        score_article(article, g.gold, heldout if g.split == "heldout" else scores)
    for name, floor in FLOORS.items():
        assert getattr(scores, name).f1 >= floor, (name, scores.to_dict()[name])
    assert heldout.speakers.f1 >= HELDOUT_SPEAKERS_FLOOR, heldout.to_dict()["speakers"]


def test_a_fragment_inside_the_same_speakers_statement_is_not_a_second_statement() -> None:
    quotes = [
        (0, 50, "indirect", "Ann Lee"),  # Ann Lee said that the plan was "a disaster" ...
        (30, 40, "partial", "Ann Lee"),  # ... "a disaster": a fragment of it
        (41, 48, "partial", "Bo Chan"),  # someone else's words inside it: a statement of its own
        (60, 70, "partial", None),  # a fragment of an unnamed source's statement
        (55, 80, "indirect", None),
        (90, 99, "direct", "Ann Lee"),
        (90, 99, "partial", "Ann Lee"),  # the same span twice is not nesting
    ]
    assert statements(quotes) == [0, 2, 4, 5, 6]
