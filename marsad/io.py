"""Reading input: bytes to text, HTML to text, JSONL to items.

``decode`` accepts UTF-8 (with or without BOM), UTF-16/32 with a BOM, UTF-16
without one, and Windows-1256; anything else that is not text raises
:class:`~marsad.errors.EncodingError` with a message that says what to do.

``html_to_text`` blanks markup instead of removing it: every tag, comment,
script and style becomes spaces (block tags a line break), and an entity becomes
its character padded with spaces, so the text has the same length as the HTML
and every offset into it is an offset into the HTML the caller gave.
"""

from __future__ import annotations

import codecs
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import EncodingError, InputError, NotFoundError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_ARABIC = re.compile(r"[\u0621-\u064A]")


def decode(data: bytes, encoding: str | None = None, *, name: str = "input") -> str:
    """Decode bytes of news text; raise EncodingError for anything that is not text."""
    if encoding:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise EncodingError(f"{name}: cannot decode as {encoding}: {exc}") from exc
    if not data:
        return ""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(enc), name)
            except UnicodeDecodeError as exc:
                raise EncodingError(f"{name}: starts with a {enc} byte-order mark but is not {enc}: {exc.reason}") from exc
    if len(data) >= 4 and data.count(b"\x00") > len(data) // 3:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                return _check_text(data.decode(enc), name)
            except (UnicodeDecodeError, EncodingError):
                continue
    try:
        return _check_text(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError as exc:
        raise EncodingError(f"{name}: not UTF-8 or Windows-1256 text: pass --encoding") from exc
    text = _check_text(text, name)
    if not _ARABIC.search(text) or not _reads_like_words(text):
        raise EncodingError(f"{name}: not UTF-8 text and not Arabic in Windows-1256: pass --encoding")
    return text


def _reads_like_words(text: str) -> bool:
    """Windows-1256 maps almost every byte to a character, so junk decodes too:
    real text has spaces between words and letters in most of what is not ASCII."""
    sample = text[:20000]
    spaces = sum(1 for c in sample if c.isspace())
    letters = len(_ARABIC.findall(sample))
    high = sum(1 for c in sample if ord(c) > 127)
    return spaces >= len(sample) * 0.05 and letters >= high * 0.8


def _check_text(text: str, name: str) -> str:
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise EncodingError(f"{name}: looks like binary data, not text (control bytes): pass a text, HTML or JSONL file")
    return text


_BLOCK = re.compile(r"^</?(p|div|br|h[1-6]|li|ul|ol|tr|td|th|table|article|section|header|footer|title|blockquote|pre|hr|figure|figcaption)\b", re.I)
_MARKUP = re.compile(r"<!--.*?-->|<(script|style|noscript|template)\b.*?</\1\s*>|<![^>]*>|<\?.*?\?>|</?[A-Za-z][^>]*>", re.S | re.I)
_ENTITY = re.compile(r"&(#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_HTML_HINT = re.compile(r"<(!doctype\s+html|html|body|p|div|head|article|br|span|a)\b", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text[:5000]))


def html_to_text(markup: str) -> str:
    """Blank the markup of an HTML page, keeping every offset (see module doc)."""

    def blank(m: re.Match) -> str:
        s = m.group(0)
        fill = "\n" if _BLOCK.match(s) else " "
        return fill + " " * (len(s) - 1)

    def entity(m: re.Match) -> str:
        ch = html.unescape(m.group(0))
        if len(ch) != 1:
            return m.group(0)
        if ch == "\xa0":
            ch = " "
        return ch + " " * (len(m.group(0)) - 1)

    text = _MARKUP.sub(blank, markup)
    return _ENTITY.sub(entity, text)


def html_title(markup: str) -> str | None:
    m = re.search(r"<title[^>]*>(.*?)</title\s*>", markup, re.S | re.I)
    if not m:
        return None
    title = " ".join(html.unescape(m.group(1)).split())
    return title or None


@dataclass
class InputItem:
    """One article to extract: text plus metadata (``id``, ``title``, ...)."""

    text: str
    meta: dict
    where: str  # "path" or "path:line" for error messages


def read_path(path: str, *, encoding: str | None = None) -> bytes:
    p = Path(path)
    if not p.exists():
        raise NotFoundError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: is a directory; pass the files in it (e.g. {path}/*.txt) or use 'marsad ingest'")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc


META_KEYS = ("id", "title", "published", "url", "source", "lang")


def items_from_text(text: str, where: str, input_format: str = "auto") -> Iterator[InputItem | InputError]:
    """Items of one decoded input. JSONL lines that are bad come out as InputError
    (the caller reports them and goes on with the rest)."""
    fmt = input_format
    if fmt == "auto":
        stripped = text.lstrip()
        if stripped.startswith("{") and is_jsonl(stripped):
            fmt = "jsonl"
        elif looks_like_html(text):
            fmt = "html"
        else:
            fmt = "text"
    if fmt == "text":
        yield InputItem(text, {}, where)
    elif fmt == "html":
        yield InputItem(html_to_text(text), {"title": html_title(text)}, where)
    elif fmt == "jsonl":
        yield from _jsonl_items(text, where)
    else:
        raise InputError(f"unknown input format {input_format!r}: use auto, text, html or jsonl")


def is_jsonl(text: str) -> bool:
    first = text.split("\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def jsonl_objects(text: str, where: str) -> Iterator[tuple[str, dict] | InputError]:
    """``(location, object)`` for each non-blank line of JSONL text; a line that is
    not a JSON object comes out as an InputError naming its line."""
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        loc = f"{where}:{n}"
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield InputError(f"{loc}: not a JSON object: {exc.msg}")
            continue
        if not isinstance(obj, dict):
            yield InputError(f"{loc}: not a JSON object")
            continue
        yield loc, obj


def _jsonl_items(text: str, where: str) -> Iterator[InputItem | InputError]:
    for got in jsonl_objects(text, where):
        if isinstance(got, InputError):
            yield got
            continue
        loc, obj = got
        body = obj.get("text")
        if not isinstance(body, str):
            yield InputError(f"{loc}: no \"text\" string")
            continue
        if "id" not in obj or obj["id"] in (None, ""):
            yield InputError(f"{loc}: no \"id\"")
            continue
        meta = {k: (str(obj[k]) if obj.get(k) is not None else None) for k in META_KEYS if k in obj}
        yield InputItem(body, meta, loc)
