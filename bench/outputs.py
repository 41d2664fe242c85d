"""What a cell shows, as comparable text.

A cell's screen is its last execution's outputs: streams, the text/plain of results and
displays, and errors as `ename: evalue`. Comparisons go through `normalise`, which removes
what differs between two faithful runs (memory addresses, timings, warnings that Python
prints only once per kernel).
"""

import re

_HEX = re.compile(r"0x[0-9a-fA-F]{4,}")
_TIME_LINE = re.compile(r"^(CPU times|Wall time):.*$", re.MULTILINE)
_TIMEIT = re.compile(
    r"[\d.]+ ?[nµu]?m?s ± [\d.]+ ?[nµu]?m?s per loop \(mean ± std\. dev\. of [\d,]+ runs?, "
    r"[\d,]+ loops? each\)"
)
# `<IPython.core.display.Markdown object>`: a repr that says nothing of what is shown.
_BARE_REPR = re.compile(r"^<[\w.]+ object( at 0x[0-9a-fA-F]+)?>$")
_RICH_TEXT = ("text/markdown", "text/latex", "text/html")
# `path:123: SomeWarning: message` and the indented source line Python shows after it.
_WARNING_LINE = re.compile(r"^\S.*:\d+: \w*Warning: ")


class Screen:
    """Collects the output messages of one execution, the way the notebook shows them."""

    def __init__(self):
        self.pieces = []

    def add(self, msg_type, content):
        if msg_type == "stream":
            self.pieces.append(("stream", content.get("name", "stdout"), content.get("text", "")))
        elif msg_type in ("execute_result", "display_data"):
            text = _shown_text(content.get("data", {}))
            if text is not None:
                self.pieces.append(("data", "", text))
        elif msg_type == "error":
            self.pieces.append(("data", "", f"{content.get('ename', '')}: {content.get('evalue', '')}"))
        elif msg_type == "clear_output":
            self.pieces = []

    def text(self):
        parts = []
        for kind, name, text in self.pieces:
            if kind == "stream" and name == "stderr":
                text = _drop_warnings(text)
            parts.append(text if kind == "stream" else text + "\n")
        return normalise("".join(parts))


def normalise(text):
    text = "\n".join(line.rsplit("\r", 1)[-1] for line in text.split("\n"))
    text = _HEX.sub("0x?", text)
    text = _TIME_LINE.sub("", text)
    text = _TIMEIT.sub("<timeit>", text)
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line).strip()


def _shown_text(bundle):
    """text/plain, unless it is a bare repr and the bundle has text that is what is shown."""
    text = bundle.get("text/plain")
    if text is None or _BARE_REPR.match(text.strip()):
        rich = next((bundle[m] for m in _RICH_TEXT if isinstance(bundle.get(m), str)), None)
        if rich is not None:
            return rich
    return text


def _drop_warnings(text):
    kept = []
    skipping = False
    for line in text.split("\n"):
        if _WARNING_LINE.match(line):
            skipping = True
            continue
        if skipping and line.startswith(" "):
            continue
        skipping = False
        kept.append(line)
    return "\n".join(kept)
