"""Who says what: the attribution analyzers and their parts.

- :mod:`.nlp` the shared spaCy parse (one parse per text, cached, windowed for long texts);
- :mod:`.entities` people, organisations and places with merged aliases
  (:mod:`.names` candidate spans, :mod:`.name_links` acronyms and aliases);
- :mod:`.quotes` direct, partial and indirect quotes: :mod:`.marks` pairs the quotation
  marks, :mod:`.cues` finds speech verbs and "according to", :mod:`.speakers` resolves
  who speaks;
- :mod:`.dates` time expressions (:mod:`.date_patterns`) resolved against the publish date;
- :mod:`.voice` the author's voice vs a quoted source for each technique span;
- :mod:`.portrayal` which actors each technique span targets, across a corpus;
- :mod:`.gold` the hand-annotated gold set and its scoring.

The analyzers are looked up by name in :mod:`spinscope.analyze.pipeline`; nothing is
imported here, so importing one part does not load spaCy.
"""
