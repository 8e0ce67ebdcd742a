"""language_support: full / zero-shot / unsupported, from the language and the script.
Every sample text is written for this test."""

from __future__ import annotations

import pytest

from spinscope.analyze.language_support import (
    FULL,
    UNSUPPORTED,
    ZERO_SHOT,
    dominant_script,
    language_support,
    support_message,
)
from spinscope.model import Article

SPANISH = "El gobierno anunció ayer nuevas medidas para la economía, y la oposición las calificó de desastre."
GREEK = "Η κυβέρνηση ανακοίνωσε χθες νέα μέτρα για την οικονομία και η αντιπολίτευση τα χαρακτήρισε καταστροφή."
GEORGIAN = "მთავრობამ გუშინ ეკონომიკისთვის ახალი ზომები გამოაცხადა, ოპოზიციამ კი ისინი კატასტროფად შეაფასა."
ARABIC = "أعلنت الحكومة أمس عن إجراءات جديدة للاقتصاد، ووصفتها المعارضة بأنها كارثة."
RUSSIAN = "Правительство вчера объявило о новых мерах для экономики, а оппозиция назвала их катастрофой."
GERMAN = "Die Regierung kündigte gestern neue Maßnahmen für die Wirtschaft an, die Opposition nannte sie eine Katastrophe."


@pytest.mark.parametrize(
    ("language", "text", "level"),
    [
        ("en", "The government announced new measures for the economy yesterday.", FULL),
        ("de", GERMAN, FULL),
        ("ge", GERMAN, FULL),  # SemEval's code for German
        ("ru", RUSSIAN, FULL),
        ("pl", "Rząd ogłosił wczoraj nowe środki dla gospodarki.", FULL),
        ("es", SPANISH, ZERO_SHOT),
        ("ar", ARABIC, ZERO_SHOT),
        ("uk", "Уряд учора оголосив нові заходи для економіки.", ZERO_SHOT),
        (None, SPANISH, ZERO_SHOT),  # language unknown: never claimed full
        ("el", GREEK, UNSUPPORTED),
        ("ka", GEORGIAN, UNSUPPORTED),
        (None, GREEK, UNSUPPORTED),
        ("ru", GREEK, UNSUPPORTED),  # a wrong language tag does not make a script readable
        ("en", "1234 5678 !!! ---", UNSUPPORTED),  # no letters at all
        ("en", "", UNSUPPORTED),
    ],
)
def test_language_support_levels(language: str | None, text: str, level: str) -> None:
    assert language_support(language, text) == level


def test_full_needs_the_language_own_script() -> None:
    # Russian declared but written in Latin letters (transliteration): not what the models saw
    assert language_support("ru", "Pravitelstvo vchera obyavilo o novykh merakh dlya ekonomiki.") == ZERO_SHOT


def test_dominant_script() -> None:
    assert dominant_script(GREEK) == "GREEK"
    assert dominant_script(GEORGIAN) == "GEORGIAN"
    assert dominant_script(ARABIC) == "ARABIC"
    assert dominant_script("Путин said: " + RUSSIAN) == "CYRILLIC"
    assert dominant_script("...") is None


def test_messages_name_the_language_and_say_what_to_expect() -> None:
    assert support_message(FULL, "fr") is None
    assert support_message(None) is None
    zero = support_message(ZERO_SHOT, "es")
    assert zero is not None and "(es)" in zero and "not trained" in zero
    bad = support_message(UNSUPPORTED, "ka")
    assert bad is not None and "(ka)" in bad and "not meaningful" in bad


def test_article_round_trips_the_field() -> None:
    article = Article(text=GREEK, language="el", language_support=UNSUPPORTED)
    data = article.to_dict()
    assert data["language_support"] == UNSUPPORTED
    assert Article.from_dict(data).language_support == UNSUPPORTED
    assert Article.from_dict({"text": "x"}).language_support is None


def test_html_lang() -> None:
    from spinscope.analyze.language_support import html_lang

    assert html_lang("ge") == "de" and html_lang("po") == "pl" and html_lang("ru") == "ru" and html_lang("pt-BR") == "pt"
    assert html_lang(None) is None and html_lang('"><script>') is None and html_lang("") is None


def test_article_page_shows_the_note_and_lang(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from spinscope.model import split_paragraphs
    from spinscope.serve import ServeOptions, create_app
    from spinscope.store import open_store

    def article(text: str, language: str) -> Article:
        a = Article(text=f"Title\n\n{text}", language=language, language_support=language_support(language, text))
        a.paragraphs = split_paragraphs(a.text)
        return a

    greek, russian, spanish = article(GREEK, "el"), article(RUSSIAN, "ru"), article(SPANISH, "es")
    url = str(tmp_path / "s.db")
    with open_store(url) as store:
        for a in (greek, russian, spanish):
            store.add(a)
    with TestClient(base_url="http://127.0.0.1", app=create_app(url, ServeOptions())) as client:
        page = client.get(f"/articles/{greek.id}").text
        assert 'id="language-support" data-support="unsupported"' in page and "not meaningful" in page
        assert 'lang="el"' in page
        page = client.get(f"/articles/{russian.id}").text
        assert 'id="language-support"' not in page and 'id="article-text" lang="ru"' in page
        page = client.get(f"/articles/{spanish.id}").text
        assert 'data-support="zero-shot"' in page and "Zero-shot (es)" in page
        assert client.get(f"/articles/{greek.id}.json").json()["article"]["language_support"] == "unsupported"


def test_text_output_says_when_results_are_not_meaningful() -> None:
    import io

    from spinscope.render.text import write_text

    out = io.StringIO()
    write_text([Article(text=f"Title\n\n{GREEK}", language="el", language_support=UNSUPPORTED)], out)
    assert "unsupported script" in out.getvalue() and "not meaningful" in out.getvalue()
    out = io.StringIO()
    write_text([Article(text=f"Title\n\n{GERMAN}", language="de", language_support=FULL)], out)
    assert "language support" in out.getvalue() and "not meaningful" not in out.getvalue()
