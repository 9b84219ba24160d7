"""Turn bank Markdown into HTML that is safe to show in a notebook or a web page.

Banks are reviewed data, but they are still text from outside the code, and the output lands
in a learner's browser. So Markdown is rendered with markdown-it-py (raw HTML allowed, for
``<sub>``/``<sup>`` and the like) and the result always passes through nh3, an allow-list
sanitiser: scripts, styles, frames, event handlers and ``javascript:`` links never survive.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

__all__ = ["ALLOWED_TAGS", "markdown_to_plain_text", "markdown_to_safe_html"]

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small",
        "code", "pre", "kbd", "samp", "var", "sub", "sup", "blockquote", "q", "abbr",
        "ul", "ol", "li", "dl", "dt", "dd", "a", "span",
        "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "caption",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}}
# Removed together with everything inside them, not just unwrapped.
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math"}
)
URL_SCHEMES = frozenset({"http", "https", "mailto"})


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True, "linkify": False}).enable(
        ["table", "strikethrough"]
    )


def _sanitise(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _encodable(text: str) -> str:
    # A lone surrogate (from a JSON escape, say) cannot be encoded, and the sanitiser would
    # raise on it; the loader refuses them in banks, and any other caller gets U+FFFD.
    return _LONE_SURROGATE.sub("\ufffd", text)


# Rendering is a pure function of the text, and each export, page and widget renders the same
# stems and options again; caching makes exporting a bank to every format cost one render.
@lru_cache(maxsize=16_384)
def markdown_to_safe_html(text: str, *, inline: bool = False) -> str:
    """Sanitised HTML for bank Markdown; ``inline=True`` omits the surrounding ``<p>``."""
    text = _encodable(text)
    rendered = _markdown().renderInline(text) if inline else _markdown().render(text)
    return _sanitise(rendered).strip()


@lru_cache(maxsize=16_384)
def markdown_to_plain_text(text: str) -> str:
    """Bank Markdown as plain text, for labels that cannot show HTML (radio buttons)."""
    stripped = nh3.clean(
        _markdown().renderInline(_encodable(text)),
        tags=set(),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
    )
    return " ".join(html.unescape(stripped).split())
