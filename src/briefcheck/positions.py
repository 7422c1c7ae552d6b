"""Source positions, computed in one place.

Offsets are code points into the decoded source. A line ends at ``\\n``,
``\\r\\n`` or a lone ``\\r``, as in CommonMark and LSP; the terminator belongs
to no column a finding can point at. LSP wants UTF-16 code units, so the
conversion lives here too.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_LINE_BREAK = re.compile(r"\r\n?|\n")


class LineIndex:
    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        ends = []
        for brk in _LINE_BREAK.finditer(text):
            ends.append(brk.start())
            starts.append(brk.end())
        ends.append(len(text))
        self.line_starts = starts
        self._line_ends = ends

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (code points) of an offset."""
        line = bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of line_col (1-based), clamped to the text."""
        if line < 1:
            return 0
        if line > len(self.line_starts):
            return len(self.text)
        start = self.line_starts[line - 1]
        return min(start + max(column - 1, 0), self.line_end(line))

    def line_end(self, line: int) -> int:
        """Offset just past the last character of the line, before its terminator."""
        return self._line_ends[line - 1]

    def line_text(self, line: int) -> str:
        return self.text[self.line_starts[line - 1] : self.line_end(line)]

    # --- UTF-16, for LSP ---
    def utf16_position(self, offset: int) -> tuple[int, int]:
        """0-based line and UTF-16 character of an offset."""
        line, col = self.line_col(offset)
        prefix = self.text[self.line_starts[line - 1] : self.line_starts[line - 1] + col - 1]
        return line - 1, utf16_len(prefix)

    def offset_from_utf16(self, line0: int, char16: int) -> int:
        """Offset of a 0-based line and UTF-16 character, clamped to the line."""
        if line0 < 0:
            return 0
        if line0 >= len(self.line_starts):
            return len(self.text)
        start = self.line_starts[line0]
        end = self.line_end(line0 + 1)
        units = 0
        pos = start
        while pos < end and units < char16:
            units += 2 if ord(self.text[pos]) > 0xFFFF else 1
            pos += 1
        return pos


def utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
