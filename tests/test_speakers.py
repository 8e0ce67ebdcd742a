"""Who speaks (issue 11 item 5): unnamed sources, one statement one quote, and the rules
that find a statement's clause. Texts written for these tests."""

from __future__ import annotations

from spinscope.analyze.attribution.index import EntityIndex
from spinscope.analyze.attribution.nlp import parse
from spinscope.analyze.attribution.voice import VoiceAnalyzer
from spinscope.model import Entity, Quote, TechniqueSpan
from tests.test_quotes import quote_with, run


def test_an_indefinite_source_is_unnamed_with_its_description() -> None:
    a = run("A senior Justice Department official told reporters that the talks had failed.")
    q = quote_with(a, "the talks had failed")
    assert q.kind == "indirect"
    assert q.speaker is None  # not a fake name such as "Department"
    assert q.speaker_kind == "unnamed"
    assert q.speaker_text == "A senior Justice Department official"


def test_bare_plurals_and_sources_close_to_someone_are_unnamed() -> None:
    a = run(
        "Sources close to President Maria Lopez said that the budget would be cut. "
        "Officials said that the bridge would reopen in May."
    )
    budget, bridge = quote_with(a, "budget would be cut"), quote_with(a, "bridge would reopen")
    assert (budget.speaker, budget.speaker_kind) == (None, "unnamed")
    assert budget.speaker_text.startswith("Sources close to")
    assert (bridge.speaker, bridge.speaker_kind, bridge.speaker_text) == (None, "unnamed", "Officials")


def test_an_organisation_compound_still_names_the_source() -> None:
    a = run(
        "Immigration and Customs Enforcement (ICE) raided the farms. "
        "ICE officials said that hundreds of workers had been detained."
    )
    q = quote_with(a, "hundreds of workers")
    assert q.speaker == "Immigration and Customs Enforcement" and q.speaker_kind == "named"


def test_a_pronoun_after_an_unnamed_source_stays_unnamed() -> None:
    a = run("A panel member said that the vote was rigged. She added that the count would be challenged.")
    q = quote_with(a, "the count would be challenged")
    assert (q.speaker, q.speaker_kind, q.speaker_text) == (None, "unnamed", "A panel member")


def test_indefinite_pronouns_are_unnamed_sources() -> None:
    a = run("Some say that the storm could be spectacular.")
    q = quote_with(a, "the storm could be spectacular")
    assert (q.speaker, q.speaker_kind) == (None, "unnamed")


def test_the_ledes_description_is_named_in_the_next_sentence() -> None:
    a = run(
        "A senior leader of the Green Front movement has urged the foreign troops to leave the country.\n"
        "John Carter, the spokesman of the group, said on Tuesday that the lesson was clear."
    )
    assert quote_with(a, "to leave the country").speaker == "John Carter"


def test_a_description_outside_the_lede_is_not_given_a_later_name() -> None:
    a = run(
        "The talks ended on Monday.\nThe delegations went home.\n"
        "A senior official told reporters that the talks had failed. "
        "Ministry spokeswoman Anna Novak said that a new round was planned."
    )
    assert quote_with(a, "the talks had failed").speaker is None
    assert quote_with(a, "a new round was planned").speaker == "Anna Novak"


def test_one_statement_keeps_its_quoted_fragments() -> None:
    a = run('Maria Lopez said that the plan was "a disaster for the city" and had to stop.')
    assert [q.kind for q in a.quotes] == ["indirect"]
    q = a.quotes[0]
    assert q.speaker == "Maria Lopez"
    assert [a.text[s:e] for s, e in q.fragments] == ["a disaster for the city"]


def test_someone_elses_words_inside_a_statement_stay_a_quote() -> None:
    a = run('Tom Brown said that the minister had called the protesters "a mob". Maria Lopez said: "That is a lie."')
    kinds = sorted(q.kind for q in a.quotes)
    assert "direct" in kinds  # Maria Lopez's own quotation is a statement
    assert quote_with(a, "That is a lie").speaker == "Maria Lopez"


def test_coordinated_that_clauses_are_two_statements() -> None:
    a = run("Police officials said that three people were detained, and that hundreds more escaped before dawn.")
    indirect = [q.text for q in a.quotes if q.kind == "indirect"]
    assert any(t.startswith("that three people were detained") and "escaped" not in t for t in indirect)
    assert any(t == "that hundreds more escaped before dawn" for t in indirect)


def test_accused_of_and_warned_against_carry_the_statement() -> None:
    a = run(
        "Maria Lopez accused the mayor of hiding the report from voters. "
        "Tom Brown warned the council against raising the rents again."
    )
    assert quote_with(a, "hiding the report").speaker == "Maria Lopez"
    assert quote_with(a, "raising the rents").speaker == "Tom Brown"


def test_a_cue_closing_its_sentence_reports_the_sentence_before_it() -> None:
    a = run("No new charges will be filed in the fraud case, several outlets are reporting.")
    q = quote_with(a, "No new charges")
    assert q.text == "No new charges will be filed in the fraud case"
    assert q.speaker_kind == "unnamed"


def test_a_quoted_hashtag_is_not_speech() -> None:
    a = run('The hashtag "#FreeTheReport" trended after Maria Lopez said that the report was ready.')
    assert all("#FreeTheReport" not in q.text for q in a.quotes)


def test_a_verb_used_for_something_else_does_not_become_the_latest_speaker() -> None:
    a = run(
        "Jane Miller said that the plan had failed. "
        "Tom Brown concluded his investigation on Friday. He left. "
        '"It is over," she wrote.'
    )  # (with no sentence between, "she" would be Tom Brown, the subject just before: no gender is known)
    assert quote_with(a, "It is over").speaker == "Jane Miller"


def test_a_bare_surname_takes_the_articles_one_full_name() -> None:
    doc = parse(["x"])[0]
    people = [Entity("Nimesh Patel", "PERSON"), Entity("Ann Lee", "PERSON"), Entity("Bo Lee", "PERSON")]
    index = EntityIndex(people, doc)
    assert index.full_name("Patel") == "Nimesh Patel"
    assert index.full_name("Lee") == "Lee"  # two people share it: no guess
    assert index.full_name("Ann Lee") == "Ann Lee"


def test_a_title_line_is_never_parsed_into_the_first_sentence() -> None:
    doc = parse(["Reports: No New Charges Will Come From The Probe\n\nNo new charges will come from the probe, outlets say."])[0]
    sentences = list(doc.sents)
    assert all("\n" not in s.text.strip() for s in sentences)
    assert sentences[0].text.strip().startswith("Reports")


def test_the_json_contract_keeps_the_new_fields_and_reads_old_quotes() -> None:
    q = Quote(0, 5, "hello", "indirect", speaker_kind="unnamed", speaker_text="a source", fragments=[[1, 3]])
    d = q.to_dict()
    assert (d["speaker_kind"], d["speaker_text"], d["fragments"]) == ("unnamed", "a source", [[1, 3]])
    assert Quote.from_dict(d) == q
    old = Quote.from_dict({"start": 0, "end": 5, "text": "hello", "kind": "direct", "speaker": "Ann Lee"})
    assert (old.speaker_kind, old.speaker_text, old.fragments) == (None, None, [])


def test_a_technique_in_an_unnamed_sources_words_is_quoted_without_a_name() -> None:
    a = run("A senior official told reporters that the cowardly traitors had fled the city.")
    start = a.text.index("cowardly traitors")
    a.techniques = [TechniqueSpan("Name_Calling-Labeling", start, start + 17, "cowardly traitors", 0.9)]
    VoiceAnalyzer()([a])
    assert (a.techniques[0].voice, a.techniques[0].speaker) == ("quoted", None)


def test_pages_and_text_show_an_unnamed_source_as_its_description() -> None:
    import io

    from spinscope.render.text import write_text
    from spinscope.serve import reading

    a = run("A senior official told reporters that the talks had failed.")
    q = quote_with(a, "the talks had failed")
    assert reading.speaker_of(q, None) == "unnamed: A senior official"
    out = io.StringIO()
    write_text([a], out, width=160)
    assert "unnamed: A senior official" in out.getvalue()


def test_quotes_in_other_languages_say_their_speaker_is_named() -> None:
    from spinscope.analyze.attribution.entities import EntityAnalyzer
    from spinscope.analyze.attribution.quotes import QuoteAnalyzer
    from spinscope.model import Article

    a = Article(text="« Nous ne partirons pas », a déclaré Emmanuel Macron mardi à Paris.", language="fr")
    EntityAnalyzer()([a])
    QuoteAnalyzer()([a])
    named = [q for q in a.quotes if q.speaker is not None]
    assert named and all(q.speaker_kind == "named" and q.speaker_text for q in named)


# Rules from the session-4 tune articles (ranks 36-45 of the gold selection rule); texts written here.


def test_she_skips_the_latest_source_the_article_calls_he() -> None:
    a = run("Anna Berg said she had not been consulted. Mark Olsen said he found the plan sound. \u201cWe were never asked,\u201d she said.")
    assert quote_with(a, "never asked").speaker == "Anna Berg"


def test_who_reaches_the_person_through_an_infinitive_and_a_relative_clause_hides_no_speaker() -> None:
    a = run("Residents met Clara Ruiz, who tried to warn the town of the coming flood.")
    assert quote_with(a, "of the coming flood").speaker == "Clara Ruiz"
    b = run("A man who says he met Dana Kerr claimed that the road had been closed for weeks.")
    q = quote_with(b, "the road had been closed")
    assert (q.speaker, q.speaker_kind) == (None, "unnamed")  # not Dana Kerr


def test_a_message_speaks_for_its_author_not_for_whoever_received_it() -> None:
    a = run("A statement by Dana Kerr, which said that the road would close, surprised everyone.")
    assert quote_with(a, "the road would close").speaker == "Dana Kerr"
    b = run("The Riverside Tenants Union got a message saying that the inspections would start on Sunday.")
    assert quote_with(b, "inspections would start").speaker is None


def test_each_that_clause_of_a_cue_is_a_statement_even_after_a_speech_verb() -> None:
    a = run("The Health Ministry announced that the minister had resigned and that it would not be recommending a successor.")
    assert quote_with(a, "the minister had resigned").speaker == "Health Ministry"
    assert quote_with(a, "not be recommending a successor").speaker == "Health Ministry"


def test_a_one_word_label_in_prose_and_an_inference_are_not_speech() -> None:
    a = run(
        "Dana Kerr said that the road would close on Monday. The sign on the gate read \u201cClosed\u201d in red letters.\n"
        "He ordered two meals and two drinks, suggesting that someone else was in the room."
    )
    assert not [q for q in a.quotes if q.text == "Closed" or "someone else" in q.text]


def test_a_cue_ending_its_paragraph_introduces_the_next_one() -> None:
    a = run("Mayor Dana Kerr said in a statement on Tuesday,\nThe decision was taken in haste and it will be reversed by the council.")
    q = quote_with(a, "taken in haste")
    assert (q.kind, q.speaker) == ("direct", "Dana Kerr")
    assert q.text.endswith("by the council")


def test_a_quotation_signed_after_a_dash_or_introduced_by_a_name_and_colon() -> None:
    a = run("\u201cWe have to stop this before the winter comes.\u201d \u2013Dana Kerr\nThe council met later.")
    assert quote_with(a, "before the winter").speaker == "Dana Kerr"
    b = run("Another critic is the former governor, Mark Olsen: \u201cThere is no crisis at all in the city.\u201d")
    assert quote_with(b, "no crisis at all").speaker == "Mark Olsen"


def test_a_cue_inside_after_doing_takes_the_subject_of_the_main_verb() -> None:
    a = run("\u201cHe walks free today,\u201d Judge Dana Kerr said after concluding that the arrest had been unlawful.")
    assert quote_with(a, "the arrest had been unlawful").speaker == "Dana Kerr"


def test_a_bare_plural_is_unnamed_unless_the_group_was_named_with_that_noun() -> None:
    a = run("A letter from ICE arrived on Monday. ICE officials said that the arrangement was temporary. Later, officials said that the families could stay.")
    assert quote_with(a, "arrangement was temporary").speaker == "ICE"
    assert quote_with(a, "families could stay").speaker == "ICE"
    b = run("The Justice Department said that the man had left the country. He agreed to help the police, prosecutors said.")
    q = quote_with(b, "agreed to help")
    assert (q.speaker, q.speaker_kind) == (None, "unnamed")


def test_the_agent_of_a_passive_cue_and_the_author_of_a_report_speak() -> None:
    a = run("Nine countries were urged by the World Health Organization to prepare for an outbreak of plague.")
    assert quote_with(a, "to prepare for an outbreak").speaker == "World Health Organization"
    b = run("According to a report by Fox News, the sheriff had asked the court for a warrant.")
    assert quote_with(b, "asked the court").speaker == "Fox News"


def test_a_surname_two_people_share_goes_to_the_nearest_full_name_and_the_asked_answers() -> None:
    a = run(
        "Former President Bill Clinton said that his apology was enough. "
        "Reporter Craig Melvin asked Clinton if he had ever apologized privately. "
        "\u201cI have never talked to her,\u201d he said.\n"
        "Clinton later whispered to first lady Hillary Clinton during the event."
    )
    assert quote_with(a, "his apology was enough").speaker == "Bill Clinton"
    assert quote_with(a, "never talked to her").speaker == "Bill Clinton"  # the one asked answers


def test_an_accented_surname_finds_the_full_name_written_without_accents() -> None:
    a = run("Governor Ricardo Rossello asked Congress for more aid. \u201cWe are doing everything possible for the island,\u201d Rosselló wrote.")
    assert quote_with(a, "everything possible").speaker == "Ricardo Rossello"


def test_a_name_the_entity_analyzer_missed_speaks_without_its_article() -> None:
    """A proper-noun subject no entity covers keeps its words as the name, without "the"
    (canonical names never start with it, so "The X" would never match "X" elsewhere)."""
    a = run("Storm\n\nThe Upper Fenwick Harbour Authority said the port would reopen on Monday.")
    q = quote_with(a, "the port would reopen")
    assert q.speaker == "Upper Fenwick Harbour Authority"
    assert a.text[q.speaker_start : q.speaker_end] == "Upper Fenwick Harbour Authority"


def test_he_after_a_passive_subject_or_a_quotation_continues_the_previous_sentence() -> None:
    """A "he" opening its sentence, or after only a quotation, is the named subject of the
    sentence before (a passive one too), not the latest source; a caption line (no closing
    punctuation) gives no subject."""
    a = run(
        "Panel\n\nBishop Tomas Greer said the panel would continue. Committee member Orrin Vale, a former "
        "teacher, was removed in May. He said the panel was useless."
    )
    assert quote_with(a, "the panel was useless").speaker == "Orrin Vale"
    b = run(
        "Plan\n\nDr. Amos Reed said the plan was sound. Councillor Ned Fallow dismissed the plan on Monday. "
        "“It will never work, not in a hundred years,” he wrote."
    )
    assert quote_with(b, "It will never work").speaker == "Ned Fallow"
    c = run(
        "Plan\n\nDr. Amos Reed said the plan was sound.\nPhoto Ned Fallow visits the harbour site\n"
        "“It will work, I am sure of it,” he said."
    )
    assert quote_with(c, "It will work").speaker == "Amos Reed"


def test_a_two_word_label_in_prose_is_no_speech_of_the_latest_speaker() -> None:
    """A quotation of one or two words in prose that no cue introduces is a label or a scare
    quote ("the “black death”", a “mystery woman”), not the latest speaker's words; three
    words or more still continue the latest speaker."""
    a = run(
        "Dana Kerr said that the road would close on Monday. Investigators are looking for a "
        "\u201cmystery woman\u201d seen near the gate. Kerr added that the fence was new. "
        "The gate itself was a \u201cdisaster waiting to happen\u201d for the town."
    )
    assert not [q for q in a.quotes if q.text == "mystery woman"]
    assert quote_with(a, "disaster waiting to happen").speaker == "Dana Kerr"


def test_a_negated_speech_verb_reports_nothing() -> None:
    """"did not say that ...", "does not acknowledge that ...": nobody is reported saying it."""
    a = run(
        "Dana Kerr said that the road would close on Monday. The agency does not acknowledge "
        "that there is a problem with the bridge, and its director has not said what the repairs would cost."
    )
    assert quote_with(a, "the road would close").speaker == "Dana Kerr"
    assert not [q for q in a.quotes if "problem with the bridge" in q.text or "repairs would cost" in q.text]


def test_a_person_in_apposition_to_an_organisation_subject_speaks() -> None:
    """Session 8: the parser took the title for the subject and the person for its
    apposition ("Alder County Supervisor of Elections, Susan Gale, told ..."): with the
    title typed an organisation, the person speaks, and "she" after it is hers."""
    from spinscope.analyze.attribution.quotes import QuoteAnalyzer
    from spinscope.model import Article, Mention

    text = (
        "Alder County Supervisor of Elections, Susan Gale, told state officials that a voter had received a call. "
        "\u201cIt was the wrong date,\u201d she said."
    )
    title, name = "Alder County Supervisor", "Susan Gale"
    a = Article(id="x", text=text)
    a.entities = [
        Entity(title, "ORG", [Mention(0, len(title), title)]),
        Entity(name, "PERSON", [Mention(text.index(name), text.index(name) + len(name), name)]),
    ]
    QuoteAnalyzer()([a])
    assert quote_with(a, "a voter had received a call").speaker == "Susan Gale"
    assert quote_with(a, "It was the wrong date").speaker == "Susan Gale"


def test_whom_a_message_asks_is_not_its_speaker() -> None:
    """Session 8: the organisation inside the object of a speech participle ("a voicemail
    message asking a Harlow County voter to ...") is the one addressed, not the source."""
    a = run(
        "Audio of a party volunteer leaving a voicemail message asking a Harlow County voter to fix their "
        "ballot after the deadline, which is not allowed."
    )
    q = quote_with(a, "to fix their ballot")
    assert q.speaker is None and q.speaker_kind == "unnamed"


def test_a_persons_adviser_is_not_that_person() -> None:
    """Session 8: a role noun with a person's name in front ("a Ritter adviser", "another
    Ford attorney") is someone else: unnamed, not the person named."""
    a = run("Senator Dale Ritter spoke on Monday. A Ritter adviser said the bill would pass.")
    q = quote_with(a, "the bill would pass")
    assert (q.speaker, q.speaker_kind) == (None, "unnamed")


def test_the_senator_is_the_person_titled_sen() -> None:
    """Session 8: an abbreviated title ("Sen.", "Rep.", "Gov.") gives its holder the role
    for a later "the senator" / "the congressman" / "the governor"."""
    a = run(
        "Sen. Mark Ridley was photographed with the singer Laura Dean at the fair. "
        "The senator apologized for the photo but said he remembered the event differently."
    )
    assert quote_with(a, "he remembered the event differently").speaker == "Mark Ridley"


def test_a_person_in_a_participle_after_a_role_subject_is_not_the_speaker() -> None:
    a = run(
        "Carla Denholm, the president of the Varnish Council, spoke in Brussels on Monday. "
        "The council president, flanked by Irish prime minister Tomas Reyl during her statement, "
        "claimed that the deal was dead. In 2006, a woman named Ilsa Brandt claimed that the mayor had lied."
    )
    assert quote_with(a, "the deal was dead").speaker == "Carla Denholm"  # not Tomas Reyl
    assert quote_with(a, "the mayor had lied").speaker == "Ilsa Brandt"  # "named" gives the name


def test_a_warning_released_by_whom_a_relative_clause_names() -> None:
    a = run(
        "Thomas Homan, the acting director of the agency, slammed Mayor Libby Schaaf, who on Saturday night "
        "released an unprecedented warning that agents were about to begin arresting people."
    )
    assert quote_with(a, "agents were about to begin").speaker == "Libby Schaaf"  # not unnamed "who"


def test_a_headline_attributes_with_a_colon_or_a_dash() -> None:
    a = run("Next flu season could be far stronger: WHO\nThe World Health Organization (WHO) issued a warning on Monday.")
    q = quote_with(a, "Next flu season")
    assert (q.kind, q.speaker, q.cue) == ("indirect", "World Health Organization", "headline")
    b = run("Nora Vance: I Will Do Whatever It Takes To Block The Bill\nSenator Nora Vance spoke on Tuesday.")
    assert quote_with(b, "Whatever It Takes").speaker == "Nora Vance"
    e = run("Officials Warn: The Fever Could Spread Rapidly\nThe outbreak has reached the capital.")
    assert (quote_with(e, "The Fever Could").speaker_kind, quote_with(e, "The Fever Could").speaker_text) == ("unnamed", "Officials")
    c = run("Sun to cool down in next 30 years: Study\nThe sun may cool, researchers found.")
    assert quote_with(c, "Sun to cool down").speaker_kind == "unnamed"
    for headline in ("Virginia: Man gets 20 years for joining the group", "The Comet Is Going DARK: No Sightings For 96 Days"):
        d = run(headline + "\nThe story continues here without anyone speaking.")
        assert [q for q in d.quotes if q.cue == "headline"] == []  # a dateline, a topic: no source


def test_the_next_numbered_point_is_the_same_sources_statement() -> None:
    a = run(
        "Lina Ortez, the spokeswoman of the group, said the events carry two lessons.\n"
        "The first lesson, she asserted, is that the coalition stopped the advance in 2014.\n"
        "The second lesson pertains to the foreign troops that they should leave \u201cas long as the road is open.\u201d\n"
        "The second day of the summit was quiet."
    )
    q = quote_with(a, "The second lesson pertains")
    assert (q.kind, q.speaker) == ("indirect", "Lina Ortez")
    assert [q.text for q in a.quotes if q.kind == "partial"] == []  # the fragment is the statement's
    assert len(q.fragments) == 1
    assert not [q for q in a.quotes if "second day" in q.text]
