"""Stories: the matching rule (hand-computed), incremental assignment in the store on SQLite
and PostgreSQL, the side-by-side view, and the shipped example event with the real encoder."""

from __future__ import annotations

import json
import zlib
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from spinscope.errors import NotFoundError
from spinscope.model import Article
from spinscope.store import open_store
from spinscope.store.story_match import (
    THRESHOLD,
    StoryInput,
    StoryState,
    actor_overlap,
    best_story,
    cluster,
    match_score,
    title_words,
)
from spinscope.store.story_view import side_by_side, unique_sentences
from tests.pg import postgres_server, postgres_url  # noqa: F401  (fixtures)
from tests.test_store import make_article, store_url  # noqa: F401  (fixture)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "story-veldra-fire.jsonl"


def words_vector(texts: list[str]) -> np.ndarray:
    """Test seam for the encoder: a bag of lower-cased words hashed into 64 dimensions."""
    out = np.zeros((len(texts), 64), dtype=np.float32)
    for i, text in enumerate(texts):
        for word in text.casefold().split():
            out[i, zlib.crc32(word.strip(".,:;!?\"'").encode()) % 64] += 1.0
        norm = np.linalg.norm(out[i])
        out[i] /= norm if norm else 1.0
    return out


def unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_match_score_is_cosine_plus_weighted_actor_share():
    story = StoryState(id=1, n_articles=0, vector_sum=np.zeros(2, np.float32))
    story.add(StoryInput(1, unit(1, 0), actors={"brandt": "Ilse Brandt", "solvane": "Solvane"}))
    item = StoryInput(2, unit(1, 1), actors={"brandt": "Ilse Brandt", "oduya": "Karsten Oduya"})
    assert actor_overlap(item, story) == 0.5
    assert match_score(item, story) == pytest.approx(2**-0.5 + 0.35 * 0.5, abs=1e-6)


def test_best_story_respects_threshold_and_time_window():
    day = datetime(2025, 6, 10)
    story = StoryState(id=1, n_articles=0, vector_sum=np.zeros(2, np.float32))
    story.add(StoryInput(1, unit(1, 0), published=day))
    same = StoryInput(2, unit(1, 0.1), published=day + timedelta(days=2))
    assert best_story(same, [story])[0] is story
    late = StoryInput(3, unit(1, 0.1), published=day + timedelta(days=30))
    assert best_story(late, [story]) == (None, float("-inf"))  # outside the window: not a candidate
    other = StoryInput(4, unit(0, 1), published=day)
    found, score = best_story(other, [story])
    assert found is None and score < THRESHOLD


def test_cluster_is_incremental_and_label_names_actors_and_words():
    items = [
        StoryInput(1, unit(1, 0), actors={"brandt": "Ilse Brandt"}, words=title_words("Fire at Veldra port")),
        StoryInput(2, unit(0, 1), words=title_words("Library budget approved")),
        StoryInput(3, unit(1, 0.05), actors={"brandt": "Ilse Brandt"}, words=title_words("Veldra port fire inquiry")),
    ]
    assert cluster(items) == {1: 0, 2: 1, 3: 0}
    story = StoryState(id=0, n_articles=0, vector_sum=np.zeros(2, np.float32))
    story.add(items[0])
    story.add(items[2])
    assert story.label() == "Ilse Brandt · veldra fire port"
    assert story.n_articles == 2


def test_title_words_skip_short_and_stop_words():
    assert title_words("The fire: what we know about the Veldra fire, 2025") == ["fire", "know", "veldra"]


def test_unique_sentences_are_the_ones_no_other_outlet_shares():
    a = Article(text="T\n\nThe fire destroyed the grain terminal on Tuesday. Greed runs this port, everyone knew it.")
    b = Article(
        text="T\n\nA fire destroyed the grain terminal on Tuesday morning. Investigators opened an inquiry today."
    )
    lone = unique_sentences({"A": [a], "B": [b]})
    assert lone == {
        "A": ["Greed runs this port, everyone knew it."],
        "B": ["Investigators opened an inquiry today."],
    }


def test_side_by_side_counts_per_outlet():
    one = make_article(
        "Greed runs the port, said Karsten Oduya. The fire was a disaster.",
        outlet="Herald",
        techniques=(("Loaded_Language", "disaster", "author"), ("Loaded_Language", "Greed", "quoted")),
        entities=(("Karsten Oduya", "PERSON", "Karsten Oduya"),),
        quotes=(("Greed runs the port", "Karsten Oduya"),),
        frames=("Economic",),
    )
    view = side_by_side({"id": 1}, [one])
    (col,) = view["columns"]
    assert col["outlet"] == "Herald"
    assert col["n_spans"] == 2 and col["own_voice_share"] == 0.5
    assert col["techniques"][0] == {
        "technique": "Loaded_Language",
        "count": 2,
        "per_1000_words": round(2000 / len(one.text.split()), 2),
    }
    assert col["quoted"] == [{"speaker": "Karsten Oduya", "n_quotes": 1}]
    assert col["actors"] == [{"name": "Karsten Oduya", "n_mentions": 1}]
    assert col["frames"] == [{"frame": "Economic", "n_articles": 1}]


def test_side_by_side_one_column_per_outlet_however_spelled():
    """Two spellings of one outlet are one column, named as the store names the outlet."""
    body = "The council met on Tuesday and approved the library budget after a long debate."
    first = make_article(body, outlet="The Northbridge Herald")
    second = make_article(body + " Councillors argued about the road repairs for hours.", outlet="northbridge  herald")
    view = side_by_side({"id": 1, "outlets": ["The Northbridge Herald"]}, [first, second])
    assert [c["outlet"] for c in view["columns"]] == ["The Northbridge Herald"]
    alone = side_by_side({"id": 2}, [second])
    assert [c["outlet"] for c in alone["columns"]] == ["northbridge herald"]  # no store name: its own, tidied


def _fire(outlet: str, title: str, day: int, body: str) -> Article:
    return make_article(
        body,
        title=title,
        outlet=outlet,
        published=datetime(2025, 6, day, 9),
        entities=(("Ilse Brandt", "PERSON", "Ilse Brandt"),) if "Ilse Brandt" in body else (),
    )


def test_store_assigns_new_articles_incrementally(store_url):  # noqa: F811
    with open_store(store_url) as store:
        wire = store.add(
            _fire(
                "Wire", "Fire at Veldra grain terminal", 10, "A fire hit the Veldra grain terminal, Ilse Brandt said."
            )
        )
        store.add(_fire("Herald", "Library budget approved", 10, "The council approved the library budget."))
        assert store.story_of(wire.article_id) is None
        assert store.update_stories(words_vector) == 2
        first = store.story_of(wire.article_id)
        assert first is not None
        assert store.update_stories(words_vector) == 0  # nothing pending: nothing moves
        store.add(
            _fire("Courrier", "Veldra grain terminal fire", 11, "Fire at the Veldra grain terminal, Ilse Brandt said.")
        )
        store.add(
            _fire("Herald", "Veldra fire", 30, "A fire hit the Veldra grain terminal, Ilse Brandt said.")
        )  # too late
        assert store.update_stories(words_vector) == 2
        total, page = store.stories()
        assert total == 3
        assert page[0]["id"] == first and page[0]["outlets"] == ["Courrier", "Wire"] and page[0]["n_articles"] == 2
        assert page[0]["started"] == "2025-06-10" and page[0]["ended"] == "2025-06-11"
        assert "Ilse Brandt" in page[0]["label"]
        detail = store.story(page[0]["id"])
        assert [c["outlet"] for c in detail["columns"]] == ["Courrier", "Wire"]
        assert store.stories(min_articles=2)[0] == 1
        with pytest.raises(NotFoundError):
            store.story(10_000)


@pytest.mark.slow
def test_ingest_groups_the_example_event_across_three_outlets_with_the_real_encoder(tmp_path, capsys):
    from spinscope.cli import main

    db = str(tmp_path / "c.db")
    args = ["ingest", str(EXAMPLES), "--db", db, "--quiet", "--analyzers", "paragraphs,entities", "--stories", "on"]
    assert main(args) == 0
    assert "6 new in stories" in capsys.readouterr().out
    rows = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines()]
    with open_store(db) as store:
        fire = {store.story_of(r["id"]) for r in rows if r["id"].startswith("veldra-fire")}
        others = {store.story_of(r["id"]) for r in rows if not r["id"].startswith("veldra-fire")}
        assert len(fire) == 1 and not fire & others and len(others) == 2
        story = store.story(fire.pop())
        assert story["outlets"] == ["Le Courrier de Veldra", "Meridian Wire", "Northbridge Herald"]
        assert "Ilse Brandt" in story["label"] or "Karsten Oduya" in story["label"]
        assert main(["ingest", str(EXAMPLES), "--db", db, "--quiet", "--analyzers", "paragraphs"]) == 0
        assert store.stories()[0] == 3  # nothing new: nothing moves, no story added
