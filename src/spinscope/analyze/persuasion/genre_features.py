"""Hand-made genre features: how an article reports (attribution, quotes, datelines,
numbers, dates) or argues (first/second person, hedges, prescriptive modals,
evaluative words, questions, exclamations), in the six SemEval languages.

Every feature is a rate (per 100 words, per paragraph or a share), so articles of
any length compare; the cue lists are multilingual and pooled (the language of an
article is not needed). A cue ending in ``*`` is a prefix (inflected languages).
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from .text import split_sentences

_WORD = re.compile(r"\w+", re.UNICODE)
_SENT = re.compile(r"[.!?…]+(?=\s|$)")
QUOTE_MARKS = "\"“”«»„‟〝〞「」"

# Attribution: speech and reporting verbs, "according to" and its translations.
ATTRIBUTION = (
    "said", "says", "told", "tells", "according to", "stated", "added", "noted", "explained", "announced",
    "reported", "confirmed", "claimed", "warned", "insisted", "acknowledged", "declined to comment", "spokesman",
    "spokeswoman", "spokesperson", "a dit", "a déclaré", "a affirmé", "a indiqué", "a expliqué", "a ajouté",
    "a annoncé", "a précisé", "a souligné", "selon", "déclare", "indique", "porte-parole",
    "sagte", "sagt", "erklärte", "erklärt", "laut", "teilte mit", "betonte", "berichtete", "sprecher*",
    "ha detto", "ha dichiarato", "ha affermato", "ha spiegato", "ha aggiunto", "ha annunciato", "secondo",
    "ha sottolineato", "portavoce", "powiedzia*", "według", "stwierdzi*", "doda*", "poinformowa*",
    "zaznaczy*", "oświadczy*", "przekaza*", "rzeczni*", "сказал*", "заявил*", "сообщил*", "по словам",
    "отметил*", "добавил*", "подчеркнул*", "по данным", "пояснил*", "пресс-секретар*",
)
AGENCIES = (
    "Reuters", "REUTERS", "Associated Press", "AP", "AFP", "Agence France-Presse", "dpa", "ANSA", "PAP", "TASS",
    "ТАСС", "RIA Novosti", "РИА Новости", "Interfax", "Интерфакс", "Bloomberg", "Xinhua", "EFE", "Adnkronos",
    "Belga", "APA", "KNA", "UPI", "PTI", "IANS", "CNN",
)
FIRST_SINGULAR = ("i", "me", "my", "mine", "je", "j", "moi", "mon", "mes", "ich", "mich", "mir", "mein*",
                  "io", "mi", "mio", "mia", "miei", "mie", "mnie", "mój", "moja", "moje", "я",
                  "меня", "мне", "мой", "моя", "моё", "мои")
FIRST_PLURAL = ("we", "us", "our", "ours", "nous", "notre", "nos", "wir", "uns", "unser*", "noi", "nostr*",
                "nas", "nam", "nasz*", "мы", "нас", "нам", "наш*")
SECOND = ("you", "your", "yours", "vous", "tu", "toi", "votre", "vos", "dich", "dir", "dein*",
          "euch", "euer", "voi", "ti", "tuo", "tua", "vostr*", "ty", "ciebie", "wy", "twój", "wasz*",
          "ты", "вы", "вас", "вам", "твой", "ваш*")
HEDGES = (
    "perhaps", "maybe", "probably", "possibly", "seems", "seem", "apparently", "arguably", "might", "likely",
    "peut-être", "probablement", "sans doute", "semble", "vielleicht", "wahrscheinlich", "scheint", "offenbar",
    "wohl", "forse", "probabilmente", "sembra", "pare", "może", "prawdopodobnie", "chyba", "wydaje się",
    "возможно", "вероятно", "кажется", "похоже", "видимо", "якобы",
)
PRESCRIPTIVE = (
    "should", "must", "ought", "need to", "needs to", "have to", "has to", "doit", "doivent", "devrait",
    "devraient", "il faut", "faut", "sollte*", "muss", "müssen", "soll", "deve", "devono", "dovrebbe*",
    "bisogna", "occorre", "powin*", "musi*", "trzeba", "należy", "должн*", "надо", "нужно", "следует",
)
EVALUATIVE = (
    "absurd*", "ridiculous", "outrageous", "shameful", "disgrace*", "disgusting", "pathetic", "stupid*", "idiot*",
    "evil", "insane", "crazy", "lies", "liar*", "corrupt*", "terrible", "horrible", "awful", "disastrous",
    "catastroph*", "tyrann*", "totalitarian", "obviously", "clearly", "of course", "truly", "really", "absolutely",
    "utterly", "completely", "totally", "incredibl*", "extremely", "so-called", "radical*", "hypocrit*",
    "ridicule", "honteu*", "scandaleu*", "stupide*", "évidemment", "bien sûr", "vraiment", "totalement",
    "absolument", "lächerlich*", "schändlich*", "dumm*", "natürlich", "offensichtlich", "wirklich", "völlig",
    "absolut", "sogenannt*", "ridicol*", "vergogn*", "stupid*", "ovviamente", "davvero", "assolutamente",
    "cosiddett*", "śmieszn*", "haniebn*", "głup*", "oczywiście", "naprawdę", "absolutnie", "całkowicie",
    "tzw", "абсурд*", "позор*", "глуп*", "нелеп*", "очевидно", "конечно", "действительно", "абсолютно",
    "совершенно", "так называем*",
)
MONTHS_DAYS = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "june", "july", "august", "september", "october", "november", "december",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "janvier", "février", "avril",
    "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre", "montag", "dienstag", "mittwoch",
    "donnerstag", "freitag", "samstag", "sonntag", "januar", "februar", "märz", "juni", "juli", "oktober",
    "dezember", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica", "gennaio",
    "febbraio", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "dicembre",
    "poniedział*", "wtor*", "środ*", "czwart*", "piątek", "piątku", "sobot*", "niedziel*", "stycz*", "lut*",
    "marca", "kwietni*", "maja", "czerw*", "lip*", "sierpni*", "wrześni*", "październik*", "listopad*",
    "grudni*", "понедельник*", "вторник*", "среда", "среду", "четверг*", "пятниц*", "суббот*", "воскресень*",
    "январ*", "феврал*", "марта", "апрел*", "мая", "июн*", "июл*", "август*", "сентябр*", "октябр*",
    "ноябр*", "декабр*",
)


def _pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    parts = sorted({re.escape(c[:-1]) + r"\w*" if c.endswith("*") else re.escape(c) for c in cues}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.UNICODE)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    return {
        name: _pattern(cues)
        for name, cues in (
            ("attribution", ATTRIBUTION), ("first_singular", FIRST_SINGULAR), ("first_plural", FIRST_PLURAL),
            ("second", SECOND), ("hedge", HEDGES), ("prescriptive", PRESCRIPTIVE), ("evaluative", EVALUATIVE),
            ("date", MONTHS_DAYS),
        )
    }


# "WASHINGTON (Reuters) -", "MOSCOW, Nov 3 (AP) —", "PARIS —", "Berlin (dpa) -".
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-ZÀ-ÖØ-ÞĄ-ŻА-Я][\w.'’ -]{1,40}?)(?:,[^()\n]{1,30})?\s*"
    r"(?:(?P<source>\([^)\n]{1,40}\))\s*(?:--|[-–—])?|(?:--|[-–—]))\s",
    re.UNICODE,
)
_AGENCY = re.compile(r"(?<!\w)\(?(?:" + "|".join(re.escape(a) for a in AGENCIES) + r")\)?(?!\w)", re.UNICODE)

FEATURE_NAMES = (
    "log_words", "log_paragraphs", "log_words_per_sentence", "quote_char_share", "quoted_paragraph_share",
    "attribution_rate", "attribution_paragraph_share", "first_singular_rate", "first_plural_rate", "second_rate",
    "hedge_rate", "prescriptive_rate", "evaluative_rate", "question_per_sentence", "exclaim_per_sentence",
    "title_question_or_exclaim", "number_rate", "date_rate", "lead_dateline", "lead_dateline_caps", "lead_dateline_agency", "lead_agency",
    "lead_attribution", "lead_quote",
)


def _quoted_chars(text: str) -> int:
    count, inside = 0, False
    for ch in text:
        if ch in QUOTE_MARKS:
            inside = not inside
        elif inside:
            count += 1
    return count


def _rate(pattern: re.Pattern[str], text: str, n_words: int) -> float:
    return len(pattern.findall(text)) / n_words * 100


def genre_features(paragraphs: list[str]) -> np.ndarray:
    """The :data:`FEATURE_NAMES` of an article given as its paragraphs (title first)."""
    paras = [p for p in paragraphs if p.strip()] or [""]
    title, body = paras[0], (paras[1:] or paras)
    joined = "\n".join(body)
    lower = joined.lower()
    words = _WORD.findall(lower)
    n_words = max(1, len(words))
    n_sent = max(1, len(_SENT.findall(joined)) or 1)
    pats = _patterns()
    lead = "\n".join(body[:2]).lower()
    dateline = _DATELINE.match(body[0])
    attributing = sum(1 for p in body if pats["attribution"].search(p.lower()))
    feats = [
        np.log1p(len(words)),
        np.log1p(len(body)),
        np.log1p(len(words) / n_sent),
        _quoted_chars(joined) / max(1, len(joined)),
        sum(1 for p in body if any(q in p for q in QUOTE_MARKS)) / len(body),
        _rate(pats["attribution"], lower, n_words),
        attributing / len(body),
        _rate(pats["first_singular"], lower, n_words),
        _rate(pats["first_plural"], lower, n_words),
        _rate(pats["second"], lower, n_words),
        _rate(pats["hedge"], lower, n_words),
        _rate(pats["prescriptive"], lower, n_words),
        _rate(pats["evaluative"], lower, n_words),
        joined.count("?") / n_sent,
        joined.count("!") / n_sent,
        float("?" in title or "!" in title),
        sum(1 for w in words if any(c.isdigit() for c in w)) / n_words * 100,
        _rate(pats["date"], lower, n_words),
        float(dateline is not None),
        float(dateline is not None and dateline.group("place").strip().isupper()),
        float(dateline is not None and bool(_AGENCY.search(dateline.group("source") or ""))),
        float(bool(_AGENCY.search("\n".join(body[:2])))),
        float(bool(pats["attribution"].search(lead))),
        float(any(q in "\n".join(body[:2]) for q in QUOTE_MARKS)),
    ]
    return np.asarray(feats, dtype=np.float32)


def word_count(paragraphs: list[str]) -> int:
    """Words of an article's body (the title, its first paragraph, is not counted
    unless it is the only one)."""
    paras = [p for p in paragraphs if p.strip()]
    return sum(len(_WORD.findall(p)) for p in (paras[1:] or paras))


LEAD_SENTENCES = 10  # what the ``sentences`` embedding reads


def sentence_units(paragraphs: list[str], n: int = LEAD_SENTENCES) -> list[str]:
    """What the ``sentences`` embedding reads: the title, then the body's first ``n``
    sentences (each cut to 400 characters), whatever the site's line breaks."""
    paras = [p for p in paragraphs if p.strip()] or [""]
    body = "\n".join(paras[1:] or paras)
    sents = [body[a:b].strip()[:400] for a, b in split_sentences(body)] if body.strip() else []
    return [paras[0][:400]] + [x for x in sents if x][:n]


def sentence_embeddings(docs: list[list[str]], n: int = LEAD_SENTENCES) -> np.ndarray:
    """L2-normalised mean USE embedding of each article's :func:`sentence_units` (one
    encoder pass): the same number of units for a short and a long text, and no length
    in the vector's norm."""
    from .features import embed

    units = [sentence_units(d, n) for d in docs]
    vectors = embed([u for us in units for u in us])
    out = np.zeros((len(docs), 512), dtype=np.float32)
    pos = 0
    for i, us in enumerate(units):
        mean = vectors[pos:pos + len(us)].mean(axis=0)
        out[i] = mean / max(float(np.linalg.norm(mean)), 1e-9)
        pos += len(us)
    return out
