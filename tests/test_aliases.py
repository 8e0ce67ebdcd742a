"""The corpus alias table: the linking rules (pure), and the table in the store on SQLite and
PostgreSQL — built incrementally as articles arrive, used by the actor filter and the top
actors, users' merge/split kept across re-analysis and re-ingest, filled by migration 0006."""

from __future__ import annotations

from datetime import datetime

import pytest

from spinscope.errors import NotFoundError, UsageError
from spinscope.model import Article, Entity, Mention
from spinscope.store import SearchQuery, Store, open_store
from spinscope.store.aliases import Name, link, similar_words, skeleton, words
from tests.pg import postgres_server, postgres_url  # noqa: F401  (fixtures)

BACKENDS = ["sqlite", "postgresql"]


# -- the rules ---------------------------------------------------------------------------


def test_words_drop_articles_apostrophes_and_accents() -> None:
    assert words("Hashd ash-Sha'bi") == ["hashd", "shabi"]
    assert words("the Hashd al-Shaabi") == ["hashd", "shaabi"]
    assert words("Raïsi") == ["raisi"]
    assert skeleton("raeisi") == skeleton("raisi") == "rs"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("raisi", "raeisi", True),
        ("shaabi", "shabi", True),
        ("mohammed", "muhammad", True),
        ("rossi", "raisi", False),  # same skeleton, too different (ratio 0.6)
        ("kim", "kam", False),  # short words must be equal
        ("gaddafi", "qaddafi", False),  # another first letter
    ],
)
def test_spelling_variants(a: str, b: str, same: bool) -> None:
    assert similar_words(a, b) is same


def corpus_names() -> dict[str, Name]:
    return {
        "ebrahim raeisi": Name("Ebrahim Raeisi", "PERSON", 5),
        "ebrahim raisi": Name("Ebrahim Raisi", "PERSON", 2),
        "raeisi": Name("Raeisi", "PERSON", 3),
        "raisi": Name("Raisi", "PERSON", 1),
        "joe biden": Name("Joe Biden", "PERSON", 9),
        "hunter biden": Name("Hunter Biden", "PERSON", 2),
        "biden": Name("Biden", "PERSON", 7),
        "pmu": Name("PMU", "ORG", 2),
        "popular mobilization units": Name("Popular Mobilization Units", "ORG", 3),
        "hashd al-shaabi": Name("Hashd al-Shaabi", "ORG", 1, {"popular mobilization units": 1}),
        "hashd ash-sha'bi": Name("Hashd ash-Sha'bi", "ORG", 1),
        "rossi": Name("Rossi", "PERSON", 1),
        "jordan": Name("Jordan", "GPE", 4),
        "michael jordan": Name("Michael Jordan", "PERSON", 1),
    }


def test_link_rules() -> None:
    links = link(corpus_names())
    assert links["ebrahim raisi"].actor == "ebrahim raeisi" and links["ebrahim raisi"].rule == "variant"
    assert (links["raeisi"].actor, links["raeisi"].rule) == ("ebrahim raeisi", "surname")
    assert links["raisi"].actor == "ebrahim raeisi"
    assert (links["pmu"].actor, links["pmu"].rule) == ("popular mobilization units", "acronym")
    assert (links["hashd al-shaabi"].actor, links["hashd al-shaabi"].rule) == ("popular mobilization units", "article")
    assert links["hashd ash-sha'bi"].actor == "popular mobilization units"
    # two people share the surname: the bare name stays apart and lists both
    assert links["biden"].actor == "biden"
    assert links["biden"].candidates == ("hunter biden", "joe biden")
    assert links["joe biden"].actor == "joe biden" and links["hunter biden"].actor == "hunter biden"
    assert links["rossi"].actor == "rossi"
    assert links["jordan"].actor == "jordan"  # a country is no one's surname


def test_articles_that_used_a_bare_surname_for_one_person_are_evidence() -> None:
    names = corpus_names()
    names["biden"].alias_of["joe biden"] = 2  # articles said "Biden" for Joe Biden, never for Hunter
    assert (link(names)["biden"].actor, link(names)["biden"].rule) == ("joe biden", "surname")
    names["biden"].alias_of["hunter biden"] = 1  # and one for Hunter: both, so neither
    assert link(names)["biden"].actor == "biden"


def test_middle_initials_plurals_and_weak_evidence() -> None:
    names = {
        "donald trump": Name("Donald Trump", "PERSON", 9),
        "donald j. trump": Name("Donald J. Trump", "PERSON", 2),
        "george w. bush": Name("George W. Bush", "PERSON", 3),
        "george h.w. bush": Name("George H.W. Bush", "PERSON", 1),
        "george bush": Name("George Bush", "PERSON", 1),
        "muslims": Name("Muslims", "NORP", 5),
        "muslim": Name("Muslim", "NORP", 2),
        "european union": Name("European Union", "ORG", 14, {"united nations": 1}),
        "united nations": Name("United Nations", "ORG", 20),
        "bill clinton": Name("Bill Clinton", "PERSON", 5, {"hillary clinton": 5}),
        "hillary clinton": Name("Hillary Clinton", "PERSON", 8),
    }
    links = link(names)
    assert links["donald j. trump"].actor == "donald trump"
    assert {links[k].actor for k in ("george w. bush", "george h.w. bush", "george bush")} == {
        "george w. bush", "george h.w. bush", "george bush"
    }
    assert links["muslim"].actor == "muslims"
    assert links["european union"].actor == "european union"  # one article in fourteen is a slip
    assert links["bill clinton"].actor == "bill clinton"  # another first name: not an alias


def test_decisions_override_the_rules() -> None:
    links = link(corpus_names(), {"biden": ("merge", "joe biden"), "raisi": ("split", None)})
    assert (links["biden"].actor, links["biden"].rule) == ("joe biden", "user")
    assert links["joe biden"].actor == "joe biden"  # the merge target names the actor
    assert links["raisi"].actor == "raisi" and links["raisi"].candidates == ()
    assert links["raeisi"].actor == "ebrahim raeisi"


# -- the table in the store ------------------------------------------------------------------


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path) -> Store:
    url = str(tmp_path / "corpus.db") if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    with open_store(url) as opened:
        yield opened


def article(n: int, outlet: str, *entities: tuple[str, str, tuple[str, ...]], models: str = "1") -> Article:
    """An article naming ``entities``: (canonical, type, names written in it)."""
    text = f"Report {n}. " + " and ".join(name for _, _, names in entities for name in names) + "."
    ents = []
    for canonical, kind, names in entities:
        mentions = [Mention(text.index(x), text.index(x) + len(x), x) for x in names]
        ents.append(Entity(canonical, kind, mentions, aliases=sorted(set(names))))
    return Article(
        id=f"r{n}", text=text, outlet=outlet, published=datetime(2024, 5, n), language="en",
        entities=ents, models={"entities": models},
    )


RAEISI = ("Ebrahim Raeisi", "PERSON", ("Ebrahim Raeisi", "Raeisi"))


def test_links_grow_as_articles_arrive(store: Store) -> None:
    store.add(article(1, "Tehran Times", ("Raisi", "PERSON", ("Raisi",))))
    assert store.actors.describe("Raisi")["actor"] == "Raisi"  # nothing to link to yet
    store.add(article(2, "Herald", RAEISI))
    described = store.actors.describe("raisi")
    assert described["actor"] == "Ebrahim Raeisi"
    assert {n["key"]: n["rule"] for n in described["names"]} == {
        "ebrahim raeisi": "self", "raeisi": "surname", "raisi": "surname"
    }
    # the actor filter and the statistics see one actor
    assert {i.id for i in store.search(SearchQuery(entity="Ebrahim Raeisi")).items} == {"r1", "r2"}
    assert {i.id for i in store.search(SearchQuery(entity="RAISI")).items} == {"r1", "r2"}
    top = store.top_actors()
    assert [(a["canonical"], a["n_articles"]) for a in top] == [("Ebrahim Raeisi", 2)]
    # a second person with that surname, also called "Raeisi" in an article: the bare names come
    # apart (an article used it for each of them), the full name keeps its articles
    store.add(article(3, "Courier", ("Ali Raeisi", "PERSON", ("Ali Raeisi", "Raeisi"))))
    raisi = store.actors.describe("Raisi")  # the two spellings of the bare surname stay together
    assert raisi["actor"] == "Raeisi"
    assert [c["name"] for c in raisi["ambiguous"]] == ["Ali Raeisi", "Ebrahim Raeisi"]
    assert [m["name"] for m in store.actors.describe("Ebrahim Raeisi")["maybe_also"]] == ["Raeisi"]
    assert {i.id for i in store.search(SearchQuery(entity="Ali Raeisi")).items} == {"r3"}
    assert {i.id for i in store.search(SearchQuery(entity="Ebrahim Raeisi")).items} == {"r2"}
    assert [a["name"] for a in store.actors.ambiguous()] == ["Raeisi"]


def test_acronyms_and_variants(store: Store) -> None:
    store.add_many(
        [
            article(1, "A", ("Popular Mobilization Units", "ORG", ("Popular Mobilization Units", "Hashd al-Shaabi"))),
            article(2, "B", ("PMU", "ORG", ("PMU",))),
            article(3, "C", ("Hashd ash-Sha'bi", "ORG", ("Hashd ash-Sha'bi",))),
        ]
    )
    names = {n["key"]: n["rule"] for n in store.actors.describe("pmu")["names"]}
    assert names == {
        "popular mobilization units": "self", "pmu": "acronym", "hashd al-shaabi": "article", "hashd ash-sha'bi": "variant"
    }
    assert store.search(SearchQuery(entity="Hashd ash-Sha'bi")).total == 3


def test_user_decisions_survive_reanalysis_and_reingest(store: Store) -> None:
    store.add_many(
        [
            article(1, "A", ("Joe Biden", "PERSON", ("Joe Biden",))),
            article(2, "A", ("Hunter Biden", "PERSON", ("Hunter Biden",))),
            article(3, "B", ("Biden", "PERSON", ("Biden",))),
        ]
    )
    assert store.actors.describe("Biden")["actor"] == "Biden"
    merged = store.actors.decide("merge", "Biden", "joe biden")
    assert merged["actor"] == "Joe Biden"
    assert {n["key"]: n["decision"] for n in merged["names"]}["biden"] == {"action": "merge", "into": "joe biden"}
    assert {i.id for i in store.search(SearchQuery(entity="Joe Biden")).items} == {"r1", "r3"}
    # the same articles analysed again by newer models, and ingested again: the decision holds
    assert store.add(article(3, "B", ("Biden", "PERSON", ("Biden",)), models="2")).status == "reanalysed"
    assert store.add(article(1, "A", ("Joe Biden", "PERSON", ("Joe Biden",)))).status == "skipped"
    store.add(article(4, "C", ("Biden", "PERSON", ("Biden",)), ("Jill Biden", "PERSON", ("Jill Biden",))))
    assert store.actors.describe("Biden")["actor"] == "Joe Biden"
    assert {n["key"]: n["n_articles"] for n in store.actors.describe("Biden")["names"]}["biden"] == 2
    # split: out of any actor, no rule links it; auto: the rules decide again (ambiguous again)
    store.actors.decide("split", "Biden")
    assert store.actors.describe("Biden")["actor"] == "Biden"
    assert store.actors.describe("Biden")["ambiguous"] == []
    store.actors.decide("auto", "Biden")
    assert len(store.actors.describe("Biden")["ambiguous"]) == 3


def test_bad_decisions_are_refused(store: Store) -> None:
    store.add(article(1, "A", RAEISI))
    with pytest.raises(NotFoundError):
        store.actors.decide("merge", "nobody at all", "raeisi")
    with pytest.raises(NotFoundError):
        store.actors.decide("merge", "raeisi", "nobody at all")
    with pytest.raises(UsageError):
        store.actors.decide("merge", "raeisi", "")
    with pytest.raises(UsageError):
        store.actors.decide("delete", "raeisi")
    with pytest.raises(UsageError):
        store.actors.decide("merge", "Ebrahim Raeisi", "raeisi")  # already its head
    with pytest.raises(NotFoundError):
        store.actors.describe("nobody at all")


def test_incremental_links_match_a_full_rebuild(store: Store) -> None:
    for n, ents in enumerate(
        [
            [("Raisi", "PERSON", ("Raisi",))],
            [RAEISI, ("PMU", "ORG", ("PMU",))],
            [("Popular Mobilization Units", "ORG", ("Popular Mobilization Units",))],
            [("Biden", "PERSON", ("Biden",)), ("Joe Biden", "PERSON", ("Joe Biden",))],
            [("Hunter Biden", "PERSON", ("Hunter Biden",))],
        ],
        start=1,
    ):
        store.add(article(n, "A", *ents))
    before = {n: store.actors.describe(n)["actor"] for n in ("Raisi", "PMU", "Biden", "Joe Biden")}
    assert before == {"Raisi": "Ebrahim Raeisi", "PMU": "Popular Mobilization Units", "Biden": "Biden", "Joe Biden": "Joe Biden"}
    assert store.actors.rebuild() == 0  # nothing to change


def test_migration_0006_fills_the_table_from_stored_analyses(tmp_path) -> None:
    from alembic import command

    from spinscope.store.engine import _alembic_config

    path = tmp_path / "old.db"
    with open_store(path) as store:
        store.add_many([article(1, "A", RAEISI), article(2, "B", ("Raisi", "PERSON", ("Raisi",)))])
        config = _alembic_config()
        with store._engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0005")
    with open_store(path) as store:  # opening migrates to head, which links the stored names
        assert store.actors.describe("Raisi")["actor"] == "Ebrahim Raeisi"
        assert store.actors.count() == {"n_names": 3, "n_actors": 1}


# -- the floor on real names ------------------------------------------------------------------


@pytest.mark.slow
def test_linking_floor_on_hand_labelled_pairs(semeval_dir) -> None:
    """The entities analyzer over every English training article, every name linked at once (as
    ``Store.actors.rebuild`` does), scored on tests/data/alias_pairs.tsv: bench/bench_aliases.py
    measures precision 0.90 / recall 0.67 on the incremental path; the floors leave a margin."""
    from pathlib import Path

    from spinscope.runner import analyze
    from spinscope.store.actors import article_names
    from spinscope.store.aliases import key

    folder = semeval_dir / "en" / "train-articles-subtask-1"
    articles = [
        Article(id=f.stem, text=f.read_text(encoding="utf-8")) for f in sorted(folder.glob("article*.txt"))
    ]
    for i in range(0, len(articles), 40):
        analyze(articles[i : i + 40], ["entities"])
    names: dict[str, Name] = {}
    for a in articles:
        found, pairs = article_names(a.entities)
        for k, (name, kind) in found.items():
            entry = names.setdefault(k, Name(name, kind))
            entry.type = "PERSON" if kind == "PERSON" else entry.type
            entry.n_articles += 1
        for alias, canonical in pairs:
            names[alias].alias_of[canonical] = names[alias].alias_of.get(canonical, 0) + 1
    links = link(names)
    rows = Path(__file__).with_name("data").joinpath("alias_pairs.tsv").read_text(encoding="utf-8").splitlines()
    tp = fp = fn = 0
    for line in [r for r in rows if r and not r.startswith("#")][1:]:
        a, b, same, _ = line.split("\t")
        la, lb = links.get(key(a)), links.get(key(b))
        predicted = la is not None and lb is not None and la.actor == lb.actor
        tp += predicted and same == "1"
        fp += predicted and same == "0"
        fn += not predicted and same == "1"
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.85, (precision, recall)
    assert recall >= 0.6, (precision, recall)
