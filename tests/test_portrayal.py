"""Actor portrayal: the target rule (hand-computed cases), the per-actor aggregate, the pages."""

from __future__ import annotations

from datetime import datetime

from spinscope.analyze.attribution.portrayal import clause_bounds, nearest_in_clause, portrayal, span_targets
from spinscope.model import Article, Entity, Mention, TechniqueSpan


def _article(text: str, names: dict[str, list[str]], spans: list[tuple[str, str, str, str | None]], **kw) -> Article:
    """``names``: canonical -> the words of each mention; ``spans``: (label, words, voice, speaker)."""
    entities = []
    for canonical, words in names.items():
        mentions, pos = [], 0
        for w in words:
            i = text.index(w, pos)
            mentions.append(Mention(i, i + len(w), w))
            pos = i + len(w)
        entities.append(Entity(canonical, "PERSON", mentions, sorted(set(words))))
    techniques = []
    for label, words, voice, speaker in spans:
        i = text.index(words)
        techniques.append(TechniqueSpan(label, i, i + len(words), words, 0.9, voice, speaker))
    return Article(text=text, entities=entities, techniques=techniques, **kw)


TEXT = (
    "Greedy Solvane pocketed the profits. The mayor, Ilse Brandt, offered empty words; nobody listened.\n"
    '"The port authority is a disgrace," said Karsten Oduya.'
)
NAMES = {
    "Solvane Shipping": ["Solvane"],
    "Ilse Brandt": ["Ilse Brandt"],
    "Veldra Port Authority": ["port authority"],
    "Karsten Oduya": ["Karsten Oduya"],
}


def test_clause_bounds_cut_at_sentence_and_semicolon():
    start = TEXT.index("empty words")
    left, right = clause_bounds(TEXT, start, start + len("empty words"))
    assert TEXT[left:right] == " The mayor, Ilse Brandt, offered empty words"


def test_targets_inside_span_else_nearest_in_clause_never_the_speaker():
    art = _article(
        TEXT,
        NAMES,
        [
            ("Loaded_Language", "Greedy Solvane", "author", None),  # inside
            ("Loaded_Language", "empty words", "author", None),  # what the subject (the mayor, Ilse Brandt) offered
            ("Appeal_to_Popularity", "nobody listened", "author", None),  # no actor in its clause
            ("Name_Calling-Labeling", "a disgrace", "quoted", "Karsten Oduya"),  # clause: authority, not the speaker
        ],
    )
    assert [span_targets(art, s) for s in art.techniques] == [
        ["Solvane Shipping"],
        ["Ilse Brandt"],
        [],
        ["Veldra Port Authority"],
    ]


def test_portrayal_counts_per_outlet_month_and_voice():
    spans = [("Loaded_Language", "empty words", "author", None), ("Loaded_Language", "Greedy Solvane", "author", None)]
    a = _article(TEXT, NAMES, spans, outlet="Herald", published=datetime(2025, 6, 11))
    b = _article(
        TEXT, NAMES, [("Doubt", "empty words", "quoted", "Someone")], outlet="Wire", published=datetime(2025, 7, 1)
    )
    out = portrayal([a, b], "ilse brandt")
    assert out["actor"] == "Ilse Brandt" and out["n_articles_targeting"] == 2
    assert out["by_outlet"] == [
        {"outlet": "Wire", "techniques": {"Doubt": 1}, "own_voice": 0, "quoted": 1},
        {"outlet": "Herald", "techniques": {"Loaded_Language": 1}, "own_voice": 1, "quoted": 0},
    ] or out["by_outlet"] == [
        {"outlet": "Herald", "techniques": {"Loaded_Language": 1}, "own_voice": 1, "quoted": 0},
        {"outlet": "Wire", "techniques": {"Doubt": 1}, "own_voice": 0, "quoted": 1},
    ]
    assert out["by_month"] == [
        {"month": "2025-06", "techniques": {"Loaded_Language": 1}},
        {"month": "2025-07", "techniques": {"Doubt": 1}},
    ]
    assert out["examples"][0]["outlet"] == "Wire"  # newest first
    assert out["examples"][0]["sentence"] == "The mayor, Ilse Brandt, offered empty words; nobody listened."


def test_a_span_attached_to_no_actor_targets_no_one_rather_than_the_nearest_name():
    text = (
        "The reckless plan will hurt Ilse Brandt. Karsten Oduya's shameless lies spread fast.\n"
        "The mayor described Karsten Oduya as a traitor. Experts say the epidemic could still worsen in Veldra."
    )
    names = {"Ilse Brandt": ["Ilse Brandt"], "Karsten Oduya": ["Karsten Oduya", "Karsten Oduya"], "Veldra": ["Veldra"]}
    spans = [
        ("Loaded_Language", "The reckless plan", "author", None),  # the clause's subject: no one
        ("Loaded_Language", "shameless lies", "author", None),  # owned by Oduya
        ("Name_Calling-Labeling", "a traitor", "author", None),  # what Oduya is described as
        ("Appeal_to_Fear-Prejudice", "the epidemic could still worsen", "author", None),  # no actor attached
    ]
    art = _article(text, names, spans)
    assert [span_targets(art, s) for s in art.techniques] == [[], ["Karsten Oduya"], ["Karsten Oduya"], []]
    assert nearest_in_clause(art, art.techniques[0]) == ["Ilse Brandt"]  # the earlier rule guessed


def test_outside_english_only_actors_inside_the_span_are_targets():
    text = "Le plan de Ilse Brandt est une honte."
    art = _article(text, {"Ilse Brandt": ["Ilse Brandt"]}, [("Name_Calling-Labeling", "une honte", "author", None)], language="fr")
    assert span_targets(art, art.techniques[0]) == []
    art.techniques[0] = TechniqueSpan("Loaded_Language", 11, 22, "Ilse Brandt", 0.9)
    assert span_targets(art, art.techniques[0]) == ["Ilse Brandt"]
