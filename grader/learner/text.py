"""A learner's file as Python reads it (BOM, PEP 263 coding line), and written back the way it was written.

The grader works on the text with '\\n' line ends; `Style` remembers the file's encoding, byte order mark,
line ends and indentation, so that what the grader writes back (a reset, a drill, a stood-in copy) keeps them.
"""
from __future__ import annotations

import codecs
import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

NEWLINE = re.compile(r"\r\n|\r|\n")
FOUR = "    "   # the kata's own files (exercises/, solutions/) indent by four spaces


@dataclass(frozen=True)
class Style:
    """How a file is written: its encoding (as Python names it), a UTF-8 byte order mark, line ends, indent unit."""

    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    indent: str = FOUR


PLAIN = Style()   # UTF-8, no byte order mark, '\n', four spaces: the kata's own files


def decode(data: bytes) -> tuple[str, Style]:
    """The text of a file's bytes as Python would read it, with '\\n' line ends, and how it was written.

    Raises SyntaxError for an unknown coding line, UnicodeDecodeError for bytes its encoding cannot read.
    """
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    bom = encoding == "utf-8-sig"
    raw = data[len(codecs.BOM_UTF8):] if bom else data
    text = raw.decode("utf-8" if bom else encoding)
    first = NEWLINE.search(text)
    newline = first.group() if first else "\n"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, Style("utf-8" if bom else encoding, bom, newline, indent_unit(text))


def encode(text: str, style: Style) -> bytes:
    """The bytes of text written in style: its line ends, its encoding, its byte order mark."""
    if style.newline != "\n":
        text = text.replace("\n", style.newline)
    return (codecs.BOM_UTF8 if style.bom else b"") + text.encode(style.encoding)


def read(path: Path) -> tuple[str, Style]:
    """A file's text as Python reads it, and its style. OSError, SyntaxError, UnicodeDecodeError pass through."""
    return decode(path.read_bytes())


def write(path: Path, text: str, style: Style) -> None:
    """Write text ('\\n' line ends) to path as the style says."""
    path.write_bytes(encode(text, style))


def indent_unit(text: str) -> str:
    """One level of the file's indentation: a tab, or some spaces (four when the file indents nothing)."""
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.INDENT:
                return token.string if token.string.strip(" \t") == "" and token.string else FOUR
    except (tokenize.TokenError, SyntaxError):
        pass
    return FOUR


def restyle(indent: str, unit: str) -> str:
    """Leading whitespace written by the kata (four spaces a level) in another unit; spaces over a level are kept."""
    if unit == FOUR:
        return indent
    levels, extra = divmod(len(indent.expandtabs(4)), 4)
    return unit * levels + " " * extra
