"""Bytes -> text: size limit, binary detection, encoding detection, newline normalisation."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ..errors import BinaryInputError, DecodingError, EmptyInputError, InputTooLargeError

# Magic numbers of formats people drop into article folders by mistake.
_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (docx/xlsx/epub...)",
    b"\x1f\x8b": "gzip-compressed data",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_LATIN_FAMILY = frozenset({"cp1250", "cp1252", "cp1257", "cp775", "latin_1", "iso8859_2", "iso8859_4", "iso8859_10", "iso8859_13", "iso8859_15", "mac_latin2", "mac_roman"})


def check_size(size: int, limit: int, source: str) -> None:
    if size > limit:
        raise InputTooLargeError(
            f"input is {size / 1e6:.1f} MB, over the {limit / 1e6:.1f} MB limit (see --max-bytes)",
            source=source,
        )


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes, source: str, *, limit: int) -> str:
    """Decode an input file's bytes to text, or raise an InputError saying why not."""
    check_size(len(data), limit, source)
    if not data.strip():
        raise EmptyInputError("input is empty", source=source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodingError(f"starts with a {encoding} byte-order mark but is not valid {encoding}: {exc.reason}", source=source) from exc
            return _finish(text, source)
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise BinaryInputError(f"binary file ({what}), not text", source=source)
    if b"\x00" in data[:8192]:
        raise BinaryInputError("binary file (contains NUL bytes), not text", source=source)
    try:
        return _finish(data.decode("utf-8"), source)
    except UnicodeDecodeError:
        pass
    candidates = list(from_bytes(data))
    if not candidates:
        raise DecodingError("not UTF-8 and no known text encoding fits", source=source)
    best = candidates[0]
    # Short Western texts fit several Latin code pages equally well; cp1252 is by far
    # the most common of them on the web, so it wins a tie among Latin candidates.
    if best.encoding in _LATIN_FAMILY:
        best = next((c for c in candidates if c.encoding == "cp1252"), best)
    return _finish(str(best), source)


def _finish(text: str, source: str) -> str:
    text = normalise_newlines(text)
    if not text.strip():
        raise EmptyInputError("input is empty (only whitespace)", source=source)
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\t\f\v")
    if controls > max(8, len(text[:8192]) // 50):
        raise BinaryInputError("binary file (too many control characters), not text", source=source)
    return text
