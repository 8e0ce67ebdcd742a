import json
from datetime import datetime

from spinscope.model import (
    Article,
    DateMention,
    Entity,
    Genre,
    Label,
    Mention,
    Paragraph,
    Quote,
    TechniqueSpan,
    split_paragraphs,
)


def _full_article() -> Article:
    text = "Title here\n\nThe mayor, a known liar, said: \"we will win\".\n  Second line.  \n"
    start = text.index("a known liar")
    return Article(
        text=text,
        title="Title here",
        published=datetime(2021, 11, 23, 21, 37),
        author="A. Writer",
        outlet="Example Times",
        url="https://example.org/a",
        language="en",
        genre=Genre("opinion", {"opinion": 0.7, "reporting": 0.2, "satire": 0.1}),
        frames=[Label("Political", 0.81)],
        paragraphs=[Paragraph(1, 0, 10, [Label("Loaded_Language", 0.5)])],
        techniques=[TechniqueSpan("Name_Calling-Labeling", start, start + 12, "a known liar", 0.9, "quoted", "Mayor")],
        entities=[Entity("Mayor", "PERSON", [Mention(16, 21, "mayor")], ["the mayor"])],
        quotes=[Quote(44, 55, "we will win", "direct", "Mayor", 12, 21, "said")],
        dates=[DateMention(0, 5, "Title", "2021-12-31", ["2021-12-01", "2021-12-31"])],
        models={"genre": "v1"},
    )


def test_round_trip_through_json_is_lossless():
    article = _full_article()
    data = json.loads(json.dumps(article.to_dict()))
    again = Article.from_dict(data)
    assert again.to_dict() == article.to_dict()
    assert again.published == datetime(2021, 11, 23, 21, 37)
    assert again.techniques[0].voice == "quoted"


def test_contract_fields_present_even_when_empty():
    data = Article(text="Just one line of text.").to_dict()
    for key in ("id", "title", "published", "author", "outlet", "url", "language", "text", "genre", "frames",
                "paragraphs", "techniques", "entities", "quotes", "dates"):
        assert key in data
    assert data["genre"] == {"label": None, "scores": {}}
    assert data["techniques"] == [] and data["entities"] == []


def test_id_defaults_to_content_hash_and_is_stable():
    a, b = Article(text="same words"), Article(text="same words")
    assert a.id == b.id and len(a.id) == 16
    assert Article(text="other words").id != a.id


def test_split_paragraphs_uses_line_numbers_and_trims():
    text = "Title\n\n  First para.  \n\nSecond para."
    paragraphs = split_paragraphs(text)
    assert [p.id for p in paragraphs] == [1, 3, 5]
    assert [text[p.start:p.end] for p in paragraphs] == ["Title", "First para.", "Second para."]
