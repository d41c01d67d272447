"""Sentence splitting for news: terminal punctuation, paragraph breaks, headings and repeated captions."""

from __future__ import annotations

import re

from rasid.document import Sentence

TERMINATORS = ".!?؟؛"
OPENING_QUOTES = "«“"
CLOSING_QUOTES = "»”"
CLOSERS = "\"'»”’)]"
HEADING_MAX_WORDS = 20
_LINE = re.compile(r"[^\n]+")
_QUOTE = re.compile(f"[{re.escape(OPENING_QUOTES + CLOSING_QUOTES)}\"]")
_MARK = re.compile(f"[{re.escape(TERMINATORS + OPENING_QUOTES + CLOSING_QUOTES)}\"]")
# A period after a single letter (د. = Dr.) or a Latin initialism (U.S.) is an abbreviation, not an end.
_ABBREVIATION = re.compile(r"\(?(?:\w|[A-Za-z](?:\.[A-Za-z])+)")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text`: one or more per line; a line repeating the previous one is a duplicate."""
    sentences: list[Sentence] = []
    previous = None
    for line in _LINE.finditer(text):
        start, end = _strip(text, line.start(), line.end())
        if start == end:
            continue
        key = text[start:end]
        if key == previous:
            sentences.append(Sentence(start, end, text[start:end], "duplicate"))
            continue
        previous = key
        pieces = _split_line(text, start, end)
        for a, b in pieces:
            kind = "heading" if len(pieces) == 1 and _is_heading(text[a:b]) else "body"
            sentences.append(Sentence(a, b, text[a:b], kind))
    return sentences


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut one paragraph at sentence ends, never inside numbers, abbreviations or quotations."""
    line = text[start:end]
    use_quotes = _QUOTE.search(line) is not None and _balanced(line)
    pieces, begin, depth, resume = [], 0, 0, 0
    for m in _MARK.finditer(line):
        i = m.start()
        if i < resume:
            continue
        ch = line[i]
        if use_quotes and (ch in OPENING_QUOTES or (ch == '"' and depth % 2 == 0 and _opens(line, i))):
            depth += 1
        elif use_quotes and depth and (ch in CLOSING_QUOTES or ch == '"'):
            depth -= 1
            if depth == 0 and i > 0 and line[i - 1] in TERMINATORS and _next_is_new_sentence(line, i + 1):
                pieces.append((begin, i + 1))
                begin = i + 1
        elif ch in TERMINATORS and depth == 0 and _is_end(line, i):
            j = i
            while j < len(line) and line[j] in TERMINATORS:
                j += 1
            while j < len(line) and line[j] in CLOSERS:
                j += 1
            pieces.append((begin, j))
            begin = resume = j
    pieces.append((begin, len(line)))
    out = []
    for a, b in pieces:
        a, b = _strip(text, start + a, start + b)
        if a < b:
            out.append((a, b))
    return out


def _is_end(line: str, i: int) -> bool:
    ch = line[i]
    if ch == ".":
        run_end = i
        while run_end < len(line) and line[run_end] == ".":
            run_end += 1
        if run_end - i >= 2 or (i > 0 and line[i - 1] == "."):
            return False  # ".." and "..." pause inside a sentence
        if i > 0 and line[i - 1].isdigit() and i + 1 < len(line) and line[i + 1].isdigit():
            return False  # 3.5
        if _ABBREVIATION.fullmatch(line, line.rfind(" ", 0, i) + 1, i):
            return False
    return _next_is_new_sentence(line, i + 1)


def _next_is_new_sentence(line: str, j: int) -> bool:
    """Whether only terminators and closing marks stand between `j` and the next space or line end."""
    while j < len(line) and (line[j] in TERMINATORS or line[j] in CLOSERS):
        j += 1
    return j == len(line) or line[j].isspace()


def _opens(line: str, i: int) -> bool:
    return i == 0 or not line[i - 1].isalnum() or line[i - 1].isspace()


def _balanced(line: str) -> bool:
    return line.count('"') % 2 == 0 and sum(line.count(q) for q in OPENING_QUOTES) == sum(
        line.count(q) for q in CLOSING_QUOTES
    )


def _is_heading(sentence: str) -> bool:
    last = sentence.rstrip(CLOSERS)[-1:]
    return last not in TERMINATORS and len(sentence.split()) <= HEADING_MAX_WORDS


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return start, start
    start += len(piece) - len(piece.lstrip())
    return start, start + len(stripped)
