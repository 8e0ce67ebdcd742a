"""The coreference step (analyze/attribution/coref.py) and the speaker rules of session 5 that
lean on it or on the entity index. Texts written for these tests."""

from __future__ import annotations

from spinscope.analyze.attribution.coref import WINDOW, Coref, noun_kind
from spinscope.analyze.attribution.entities import EntityAnalyzer
from spinscope.analyze.attribution.nlp import parse
from spinscope.analyze.attribution.portrayal import span_targets
from spinscope.model import Article, Entity, Mention, TechniqueSpan
from tests.test_quotes import quote_with, run


def _ents(text: str, names: dict[str, tuple[str, list[str]]]) -> list[Entity]:
    out = []
    for canonical, (etype, words) in names.items():
        mentions, pos = [], 0
        for w in words:
            i = text.index(w, pos)
            mentions.append(Mention(i, i + len(w), w))
            pos = i + len(w)
        out.append(Entity(canonical, etype, mentions, []))
    return out


def _tok(doc, word: str, nth: int = 0):
    return [t for t in doc if t.text == word][nth]


TEXT = (
    "Marta Quill met Tomas Weld and the Harbor Workers Union on Monday. "
    "She said the union would strike. The group refused to talk. He left early. "
    "The island of Veska was quiet, and the island slept."
)
NAMES = {
    "Marta Quill": ("PERSON", ["Marta Quill"]),
    "Tomas Weld": ("PERSON", ["Tomas Weld"]),
    "Harbor Workers Union": ("ORG", ["Harbor Workers Union"]),
    "Veska": ("GPE", ["Veska"]),
}


def test_pronouns_take_the_last_actor_of_their_kind_and_gender() -> None:
    doc = parse([TEXT])[0]
    coref = Coref(_ents(TEXT, NAMES), {"Marta Quill": "she", "Tomas Weld": "he"})
    she, he = _tok(doc, "She"), _tok(doc, "He")
    assert coref.resolve(she, she.idx).canonical == "Marta Quill"  # not Tomas Weld, named after her
    assert coref.resolve(he, he.idx).canonical == "Tomas Weld"
    without_gender = Coref(_ents(TEXT, NAMES))
    assert without_gender.resolve(she, she.idx).canonical == "Tomas Weld"  # the last person named


def test_definite_descriptions_take_the_last_actor_of_their_kind() -> None:
    doc = parse([TEXT])[0]
    coref = Coref(_ents(TEXT, NAMES))
    group = _tok(doc, "group")
    assert coref.resolve(group, group.idx).canonical == "Harbor Workers Union"
    union = _tok(doc, "union")  # the last word of the organisation's name
    assert coref.resolve(union, union.idx).canonical == "Harbor Workers Union"
    island = _tok(doc, "island", 1)
    assert coref.resolve(island, island.idx).canonical == "Veska"
    assert noun_kind("militia") == "GROUP" and noun_kind("minister") == "PERSON" and noun_kind("plan") is None


def test_indefinite_it_and_far_away_words_name_no_one() -> None:
    text = "Marta Quill spoke. A group gathered and it grew." + " Filler words." * (WINDOW // 10) + " She left."
    doc = parse([text])[0]
    coref = Coref(_ents(text, {"Marta Quill": ("PERSON", ["Marta Quill"])}))
    for word in ("group", "it", "She"):
        tok = _tok(doc, word)
        assert coref.resolve(tok, tok.idx) is None, word


def test_portrayal_resolves_a_pronoun_the_span_is_said_of() -> None:
    text = 'Rurik Hale spoke on Monday. Critics say that he is a shameless fraud.'
    span_words = "a shameless fraud"
    i = text.index(span_words)
    article = Article(
        text=text,
        entities=_ents(text, {"Rurik Hale": ("PERSON", ["Rurik Hale"])}),
        techniques=[TechniqueSpan("Name_Calling-Labeling", i, i + len(span_words), span_words, 0.9)],
    )
    assert span_targets(article, article.techniques[0]) == ["Rurik Hale"]


def test_a_first_name_finds_the_full_name_and_the_org_chief_its_titled_person() -> None:
    a = run(
        "The Global Health Agency chief said the outbreak was under control. "
        "Global Health Agency Director-General Tedros Adhanom Ghebreyesus spoke in Geneva. "
        "Tedros said the toll stood at 207."
    )
    assert quote_with(a, "under control").speaker == "Tedros Adhanom Ghebreyesus"
    assert quote_with(a, "toll stood at 207").speaker == "Tedros Adhanom Ghebreyesus"


def test_he_after_a_sentence_about_a_named_person_is_that_person() -> None:
    a = run(
        "Warden Lise Amar said the prison was full. "
        "Priest Johan Brevik also doubted the figures the ministry gave. "
        "He said the count was wrong."
    )
    assert quote_with(a, "count was wrong").speaker == "Johan Brevik"


def test_a_thing_that_was_posted_is_not_he() -> None:
    a = run(
        "Corin Vale told reporters that he was surprised after the video was posted online. "
        '"I did not think it would spread so far," he said.'
    )
    assert quote_with(a, "spread so far").speaker == "Corin Vale"


def test_a_quotation_closed_by_a_comma_is_the_statement_whatever_the_parse() -> None:
    a = run(
        "\"At some point it has been in a collision,\" Queen's University, Belfast, research fellow "
        "and lecturer Wes Fraser told the BBC."
    )
    q = quote_with(a, "in a collision")
    assert (q.kind, q.text, q.speaker) == ("direct", "At some point it has been in a collision", "Wes Fraser")


def test_a_headline_glued_name_and_the_articles_own_spelling() -> None:
    a = run(
        "Anil Varma Stand-Up Show Cut Short\n\n"
        "The show ended early. Varma said that the audience did not like the jokes. "
        "The World Health Organisation (WHO) said that the risk was low."
    )
    assert quote_with(a, "did not like the jokes").speaker == "Anil Varma"
    assert quote_with(a, "risk was low").speaker == "World Health Organisation"


def test_entities_keep_the_known_name_when_the_article_spells_it_so() -> None:
    art = Article(text="The World Health Organization (WHO) met. WHO said little.")
    EntityAnalyzer()([art])
    assert "World Health Organization" in {e.canonical for e in art.entities}


def test_a_clause_hung_on_a_stance_noun_or_a_day_is_still_reported() -> None:
    a = run(
        "Mira Osk voiced alarm that the river had risen again. "
        "The port stayed shut, and Osk said Wednesday the death toll stood at 20."
    )
    assert quote_with(a, "river had risen").speaker == "Mira Osk"
    assert quote_with(a, "death toll stood at 20").text == "the death toll stood at 20"


def test_a_places_government_speaks_for_it_and_a_definite_host_is_the_person() -> None:
    a = run(
        "Norland Republic’s government has reported that power was back in the capital. "
        "Comedian Petra Lund spoke on Monday. "
        "The former Netflix talk show host said that she would return in May."
    )
    assert quote_with(a, "power was back").speaker == "Norland Republic"
    assert quote_with(a, "would return in May").speaker == "Petra Lund"


def test_a_surname_finds_a_name_given_after_an_owner_and_a_wh_word_is_no_name() -> None:
    a = run(
        "Hillary Clinton sat down with Recode’s Kara Swisher this weekend. "
        "Swisher asked what she thought of the new rules.\n\n"
        "Which Clinton Said It\n\n"
        "Clinton joked that they all looked alike."
    )
    assert quote_with(a, "what she thought").speaker == "Kara Swisher"
    assert quote_with(a, "all looked alike").speaker == "Hillary Clinton"
    assert "Which Clinton" not in {e.canonical for e in a.entities}


def test_he_in_a_clause_under_the_main_verb_is_its_named_subject() -> None:
    """Session 8: "But Dale Haverford is an engineer, and he says ..." is Haverford's (the
    article calls him "Mr."), not the latest source's; not for a parenthetical cue."""
    a = run(
        "\u201cWe checked the records,\u201d said Aaron Pike. Mr. Haverford lives nearby with his family. "
        "But Dale Haverford is an engineer, and he says he never served in the army."
    )
    assert quote_with(a, "he never served in the army").speaker == "Dale Haverford"
    b = run(
        "\u201cWe checked the records,\u201d said Aaron Pike. Mr. Haverford lives nearby with his family. "
        "Dale Haverford, he argues, is not to blame for the fire."
    )
    assert quote_with(b, "not to blame").speaker == "Aaron Pike"  # a parenthetical cue: the latest source


def test_she_after_but_is_no_evidence_that_the_subject_before_is_she() -> None:
    """Session 8 (genders): "Tom Reyes covered the camera ..., but she says ..." does not make
    Reyes "she", so his later "he said" is still his."""
    a = run(
        "Tom Reyes covered the camera with his hand and left the room, but she says she saw everything. "
        "Reyes denied it. \u201cI did not touch it,\u201d he said."
    )
    assert quote_with(a, "I did not touch it").speaker == "Tom Reyes"
