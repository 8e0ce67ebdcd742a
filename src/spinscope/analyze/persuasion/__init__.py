"""Persuasion analysis: genre, frames and the 23 techniques with their spans.

Modules: :mod:`.text` (sentence units, style features), :mod:`.features` (encoder
and feature matrices), :mod:`.bundle` (loading the shipped models), :mod:`.predict`
(head predictions), :mod:`.spans` (cutting technique spans), :mod:`.encoder`
(the fine-tuned transformer through onnxruntime) and :mod:`.analyzers` (the
pipeline components).
"""

from __future__ import annotations

from .analyzers import FramesAnalyzer, GenreAnalyzer, TechniquesAnalyzer, bundle, set_bundle, use_models

__all__ = ["FramesAnalyzer", "GenreAnalyzer", "TechniquesAnalyzer", "bundle", "set_bundle", "use_models"]
