"""Quotes: each quote pattern, speaker resolution, and awkward quotation marks."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.analyze.attribution.entities import EntityAnalyzer
from spinscope.analyze.attribution.quotes import QuoteAnalyzer, find_quotation_spans
from spinscope.model import Article
from tests.test_entities import seed_body


def run(text: str) -> Article:
    article = Article(text=text)
    EntityAnalyzer()([article])
    QuoteAnalyzer()([article])
    for q in article.quotes:
        assert article.text[q.start : q.end] == q.text
    return article


def said_by(text: str) -> dict[str, str | None]:
    """Each quote's words -> its speaker, for ``text`` run through the entities and quotes."""
    return {q.text: q.speaker for q in run(text).quotes}


def quote_with(article: Article, words: str):
    """The shortest quote containing ``words``."""
    hits = sorted((q for q in article.quotes if words in q.text), key=lambda q: q.end - q.start)
    if hits:
        return hits[0]
    raise AssertionError(f"no quote with {words!r}: {[(q.kind, q.text) for q in article.quotes]}")


def test_direct_quote_then_cue() -> None:
    a = run("\u201cWe will never leave this land,\u201d Ali Hassan said on Monday.")
    q = quote_with(a, "never leave")
    assert q.kind == "direct"
    assert q.speaker == "Ali Hassan"
    assert q.text == "We will never leave this land"
    assert q.cue == "said"


def test_cue_then_direct_quote_straight_marks() -> None:
    a = run('Maria Lopez told reporters: "The budget is a disaster for families."')
    q = quote_with(a, "budget")
    assert (q.kind, q.speaker) == ("direct", "Maria Lopez")


def test_continued_quote_keeps_speaker() -> None:
    a = run('"The plan failed," said John Carter. "Nobody wants to admit it."')
    assert quote_with(a, "Nobody").speaker == "John Carter"


def test_partial_quote_inside_reported_speech() -> None:
    a = run(
        "Senator Jane Miller said the group should immediately leave the country "
        "\u2018as long as the road home is still open.\u2019"
    )
    # one statement, one quote: the quoted fragment is kept inside the reported speech
    assert [q.kind for q in a.quotes] == ["indirect"]
    indirect = a.quotes[0]
    assert indirect.speaker == "Jane Miller" and indirect.speaker_kind == "named"
    assert [a.text[s:e] for s, e in indirect.fragments] == ["as long as the road home is still open"]
    assert "as long as" in indirect.text


def test_indirect_with_that_and_pronoun() -> None:
    a = run(
        "Omar Khalid, the spokesman of the movement, spoke on Tuesday. "
        "He went on to declare that the day of the withdrawal is near."
    )
    q = quote_with(a, "the day of the withdrawal")
    assert q.kind == "indirect"
    assert q.speaker == "Omar Khalid"
    assert a.text[q.speaker_start : q.speaker_end] == "He"


def test_parenthetical_cue() -> None:
    a = run("Omar Khalid spoke to the crowd. The first lesson, he asserted, is that resistance works.")
    q = quote_with(a, "resistance works")
    assert (q.kind, q.speaker, q.cue) == ("indirect", "Omar Khalid", "asserted")


def test_description_resolves_through_apposition() -> None:
    a = run(
        "Omar Khalid, the spokesman of the movement, arrived in Basra. "
        "Later the group's spokesman said that the talks had failed."
    )
    assert quote_with(a, "talks had failed").speaker == "Omar Khalid"


def test_according_to() -> None:
    a = run("According to the Health Ministry, the number of cases doubled in a week.")
    q = quote_with(a, "number of cases")
    assert q.kind == "indirect"
    assert q.speaker == "Health Ministry"


def test_no_quotes() -> None:
    a = run("The river rose overnight and the bridge was closed to traffic.")
    assert a.quotes == []


def test_scare_quotes_are_not_speech() -> None:
    a = run("The so-called \u201cexperts\u201d were wrong again about the economy.")
    assert a.quotes == []


def test_unbalanced_marks_do_not_crash() -> None:
    a = run('He said "this is fine.\nThe next paragraph has no mark at all, and a stray \u201d here.')
    for q in a.quotes:
        assert "\n" not in q.text
    assert find_quotation_spans('one " two') == []
    assert find_quotation_spans("\u201d backwards \u201c") == []


def test_multi_paragraph_quote_convention() -> None:
    text = "\u201cFirst part of the long statement by the minister\n\u201cSecond part closes here,\u201d she said."
    spans = find_quotation_spans(text)
    assert len(spans) == 2
    assert text[spans[0][0] : spans[0][1]].startswith("First part")


def test_curly_and_straight_marks_give_the_same_spans() -> None:
    curly = "\u201cWe are ready,\u201d Ali Hassan said. \u2018Very ready,\u2019 he added."
    straight = "\"We are ready,\" Ali Hassan said. 'Very ready,' he added."
    assert find_quotation_spans(curly) == find_quotation_spans(straight)
    assert [q.speaker for q in run(curly).quotes] == [q.speaker for q in run(straight).quotes]


def test_apostrophes_are_not_quotes() -> None:
    assert find_quotation_spans("The Taliban\u2019s victory and the soldiers\u2019 retreat don't matter.") == []


@pytest.mark.shared
def test_seed_000_spokesman_quotes(seeds_dir: Path) -> None:
    a = run(seed_body(next(seeds_dir.glob("000_*.txt"))))
    for words in ("take lessons", "two important lessons", "as long as the way", "is not far off", "The first lesson"):
        assert quote_with(a, words).speaker == "Nasr al-Shammari", words
    assert quote_with(a, "is not far off").kind == "indirect"  # the quotation is a fragment of it
    assert any(a.text[s:e].endswith("is not far off") for s, e in quote_with(a, "is not far off").fragments)
    assert quote_with(a, "the day of the withdrawal").kind == "indirect"


def test_role_description_with_organisation_compound() -> None:
    a = run(
        "Immigration and Customs Enforcement (ICE) raided the farms. "
        "ICE officials said that hundreds of workers had been detained."
    )
    assert quote_with(a, "hundreds of workers").speaker == "Immigration and Customs Enforcement"


def test_description_by_the_head_of_a_name() -> None:
    a = run(
        "Officials at the Iraqi Health Ministry in Baghdad released new figures on Friday. "
        "The ministry said that the number of cases had doubled in a week."
    )
    assert quote_with(a, "number of cases").speaker.endswith("Health Ministry")


def test_statement_speaks_for_its_issuer() -> None:
    a = run("The White House issued a statement saying that the talks would resume next week.")
    assert quote_with(a, "talks would resume").speaker == "White House"


def test_cue_split_off_by_the_parser() -> None:
    a = run("\u201cHow dare you!\u201d Attorney General Jeff Sessions said in California this month.")
    q = quote_with(a, "How dare you")
    assert (q.kind, q.speaker) == ("direct", "Jeff Sessions")


def test_title_case_fragment_is_not_speech() -> None:
    a = run(
        "\u201cWe are ready,\u201d Ali Hassan said. "
        "Wikipedia has a page called \u201cList of Grenade Attacks in Sweden\u201d that is long."
    )
    assert all("Grenade" not in q.text for q in a.quotes)


# --- cost bounds (issue 8): the fast look-ups agree with their plain definitions ----------


def test_word_counts_match_split() -> None:
    import random

    from spinscope.analyze.attribution.marks import _WordCount

    rng = random.Random(7)
    for _ in range(300):
        line = "".join(rng.choice("ab '\t\u2019s") for _ in range(rng.randint(0, 40)))
        count = _WordCount(line)
        for _ in range(10):
            a, b = sorted(rng.randint(0, len(line)) for _ in range(2))
            assert count(a, b) == len(line[a:b].split()), (line, a, b)


def test_first_containing_and_latest_match_a_scan() -> None:
    import random

    from spinscope.analyze.attribution.positions import FirstContaining as _FirstContaining
    from spinscope.analyze.attribution.positions import Latest as _Latest
    from spinscope.analyze.attribution.speaker import Speaker

    rng = random.Random(3)
    for _ in range(200):
        intervals = [(s, s + rng.randint(0, 30)) for s in (rng.randint(0, 100) for _ in range(rng.randint(0, 12)))]
        indirect = [(s, e, Speaker(rng.choice([None, "A", "B"]), None, None), "said") for s, e in intervals]
        hosts, latest = _FirstContaining(intervals), _Latest(indirect)
        last = None
        for start in sorted(rng.randint(0, 120) for _ in range(8)):
            end = start + rng.randint(0, 10)
            expected = next((i for i, (s, e) in enumerate(intervals) if s <= start and end <= e), None)
            assert hosts.first(start, end) == expected
            best = last
            for _s, e, sp, _cue in indirect:
                if e <= start and sp.name is not None and (best is None or e > best[0]):
                    best = (e, sp)
            assert latest(last, start) == best
            last = best if rng.random() < 0.5 else (start, Speaker("C", None, None))


def test_quote_walls_have_no_quotations() -> None:
    assert find_quotation_spans('"' * 12_000) == []
    assert find_quotation_spans("'" * 12_000) == []
    assert find_quotation_spans('"\n' * 5_000) == []
    assert len(find_quotation_spans('"yes" ' * 3_000)) == 3_000


class _CountingDoc:
    """A spaCy Doc that counts reads of ``.text`` (spaCy rebuilds it on every read)."""

    def __init__(self, doc) -> None:
        self._doc = doc
        self.text_reads = 0

    @property
    def text(self) -> str:
        self.text_reads += 1
        return self._doc.text

    def __getattr__(self, name: str):
        return getattr(self._doc, name)

    def __iter__(self):
        return iter(self._doc)

    def __getitem__(self, key):
        return self._doc[key]

    def __len__(self) -> int:
        return len(self._doc)


def test_the_text_is_not_rebuilt_per_quotation() -> None:
    from spinscope.analyze.attribution.entities import extract_entities
    from spinscope.analyze.attribution.nlp import parse
    from spinscope.analyze.attribution.quotes import extract_quotes

    text = " ".join(f"\u201cWe will win number {i},\u201d John Smith said. He added it was \"fine\"." for i in range(40))
    (doc,) = parse([text])
    counting = _CountingDoc(doc)
    quotes = extract_quotes(counting, extract_entities(doc, text), text)
    assert len(quotes) >= 40 and counting.text_reads == 0
