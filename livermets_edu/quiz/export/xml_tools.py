"""XML helpers shared by the QTI exporters: elements, sanitized HTML as XHTML, reproducible zips.

Every element is built with ``xml.etree.ElementTree``, which escapes text and attribute values,
so bank text can never close a tag or open a new one. Sanitized bank HTML (from ``safe_html``)
is HTML, not XML: ``<br>`` has no end tag, and HTML allows nestings that QTI 2.1's schema does
not (a list inside a paragraph, loose text in a blockquote). ``append_xhtml`` re-parses it
with the standard library's ``html.parser`` and rebuilds it as elements that QTI's XHTML
subset accepts: tags QTI lacks become ``<span class="…">``, only ``a href`` keeps an attribute,
blocks inside inline-only elements are unwrapped and loose inline content in block-only
elements is wrapped in ``<p>``.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

from .. import atomic
from .common import ExportError, safe_identifier, writable_target

__all__ = [
    "NOT_XML_CHARACTER",
    "Content",
    "append_text",
    "append_xhtml",
    "check_xml_characters",
    "indent_structure",
    "sub",
    "unique_identifiers",
    "write_zip",
    "xml_bytes",
    "zip_bytes",
]

Content = Literal["inline", "flow", "block"]

# HTML tags from render.ALLOWED_TAGS that QTI 2.1 has no element for: kept as a styled span.
RENAMED_TO_SPAN = frozenset({"u", "s", "del", "ins", "mark"})
INLINE = frozenset(
    {"br", "em", "strong", "b", "i", "small", "code", "kbd", "samp", "var", "sub", "sup", "q",
     "abbr", "a", "span"} | RENAMED_TO_SPAN
)  # fmt: skip
BLOCK = frozenset(
    {"p", "hr", "pre", "blockquote", "ul", "ol", "dl", "h3", "h4", "h5", "h6", "table", "div"}
)
VOID = frozenset({"br", "hr"})
# What each element may contain in QTI 2.1 (imsqti_v2p1p2.xsd): inline only (HTMLText.Type),
# block only (BlockQuote.Type), both (Div, LI, DD, TDH), or only certain children.
INLINE_CONTENT = (INLINE - VOID) | {"p", "pre", "h3", "h4", "h5", "h6", "dt", "caption"}
FLOW_CONTENT = frozenset({"li", "dd", "td", "th", "div"})
BLOCK_CONTENT = frozenset({"blockquote"})
CHILDREN: dict[str, tuple[frozenset[str], str]] = {
    # container: (children it accepts, the child that wraps anything else)
    "ul": (frozenset({"li"}), "li"),
    "ol": (frozenset({"li"}), "li"),
    "dl": (frozenset({"dt", "dd"}), "dd"),
    "table": (frozenset({"caption", "thead", "tbody"}), "tbody"),
    "thead": (frozenset({"tr"}), "tr"),
    "tbody": (frozenset({"tr"}), "tr"),
    "tr": (frozenset({"td", "th"}), "td"),
}
# Parts of a list or table met outside their container: their content is kept, the tag is not.
PARTS = frozenset({"li", "dt", "dd", "caption", "thead", "tbody", "tr", "td", "th"})
KEPT_ATTRIBUTES = {"a": frozenset({"href"})}


# Characters XML 1.0 cannot hold, escaped or not (its Char production): C0 controls other than
# tab, line feed and carriage return, the surrogates (a lone one is not text at all) and the
# noncharacters U+FFFE and U+FFFF. ElementTree writes them anyway, and the file then does not
# parse. The bank loader refuses them; this is the exporters' own check, for questions built
# in code.
NOT_XML_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _refuse_in(text: str | None, owner: str) -> None:
    match = NOT_XML_CHARACTER.search(text or "")
    if match:
        raise ExportError(
            f"{owner}: its text contains U+{ord(match.group(0)):04X}, a character XML cannot "
            "hold; remove it from the bank"
        )


def check_xml_characters(root: ET.Element, owner: str) -> None:
    """ExportError naming ``owner`` (an item id) if any text or attribute XML cannot hold."""
    for element in root.iter():
        for text in (element.text, element.tail, *element.attrib.values()):
            _refuse_in(text, owner)


def sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A child element with optional text; attribute names ending in '_' lose it ('class_')."""
    child = ET.SubElement(parent, tag, {name.rstrip("_"): v for name, v in attributes.items()})
    if text is not None:
        child.text = text
    return child


def append_text(parent: ET.Element, text: str) -> None:
    """Add text after the last child of an element (or as its text if it has none)."""
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


@dataclass
class _Node:
    tag: str
    attributes: dict[str, str]
    children: list[_Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """Sanitized HTML as a small tree of _Node and text (nh3 output is already well nested)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(_Node(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        # Close up to the matching open tag; an end tag nothing opened is ignored.
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _parse(html: str) -> list[_Node | str]:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root.children


def _content_of(tag: str) -> str:
    if tag in CHILDREN:
        return tag
    if tag in FLOW_CONTENT:
        return "flow"
    if tag in BLOCK_CONTENT:
        return "block"
    return "inline"


def _make(parent: ET.Element, node: _Node) -> None:
    tag = "span" if node.tag in RENAMED_TO_SPAN else node.tag
    attributes = {
        name: value
        for name, value in node.attributes.items()
        if name in KEPT_ATTRIBUTES.get(node.tag, ())
    }
    if node.tag in RENAMED_TO_SPAN:
        attributes["class"] = node.tag
    if tag == "a" and "href" not in attributes:
        tag = "span"  # the sanitizer removed an unsafe link target; QTI requires href on <a>
    element = ET.SubElement(parent, tag, attributes)
    _emit(node.children, element, _content_of(node.tag))


def _tidy_containers(parent: ET.Element, start: int = 0) -> None:
    """Drop empty lists and tables (invalid in QTI, and empty); fix header-only tables."""
    for child in list(parent)[start:]:
        _tidy_containers(child)
        if child.tag in CHILDREN and not len(child):
            tail = child.tail
            parent.remove(child)
            if tail:
                append_text(parent, tail)
        elif child.tag == "table" and child.find("tbody") is None:
            for part in child.findall("thead"):
                part.tag = "tbody"  # QTI needs at least one tbody


def _emit(nodes: Iterable[_Node | str], parent: ET.Element, content: str) -> None:
    wrapper: ET.Element | None = None  # the <p> or default child gathering stray content
    for node in nodes:
        if content == "inline":
            if isinstance(node, str):
                append_text(parent, node)
            elif node.tag in INLINE:
                _make(parent, node)
            elif node.tag != "hr":
                _emit(node.children, parent, "inline")
                append_text(parent, " ")  # keep unwrapped paragraphs and items apart
        elif content == "flow":
            if isinstance(node, str):
                append_text(parent, node)
            elif node.tag in INLINE or node.tag in BLOCK:
                _make(parent, node)
            else:
                _emit(node.children, parent, "flow")
        elif content == "block":
            if isinstance(node, str) and not node.strip() and wrapper is None:
                append_text(parent, node)
            elif isinstance(node, str) or node.tag in INLINE:
                if wrapper is None:
                    wrapper = ET.SubElement(parent, "p")
                _emit([node], wrapper, "inline")
            elif node.tag in BLOCK:
                wrapper = None
                _make(parent, node)
            else:
                wrapper = None
                _emit(node.children, parent, "block")
        else:
            accepted, default = CHILDREN[content]
            if isinstance(node, str) and not node.strip():
                continue
            if isinstance(node, _Node) and node.tag in accepted:
                wrapper = None
                _make(parent, node)
                continue
            if wrapper is None:
                wrapper = ET.SubElement(parent, default)
            _emit([node], wrapper, _content_of(default))


def append_xhtml(parent: ET.Element, html: str, content: Content = "flow") -> None:
    """Append sanitized HTML to ``parent`` as QTI-valid XHTML elements for its content model."""
    start = len(parent)
    _emit(_parse(html), parent, content)
    _tidy_containers(parent, start)


def unique_identifiers(ids: Iterable[str], what: str, prefix: str = "i") -> dict[str, str]:
    """Each id as an XML identifier; ExportError if two ids would become the same one."""
    made: dict[str, str] = {}
    owner: dict[str, str] = {}
    for original in ids:
        identifier = safe_identifier(original, prefix)
        # Compared without case too, because identifiers become file names in the zip.
        key = identifier.casefold()
        if key in owner and owner[key] != original:
            raise ExportError(
                f"{what} ids {owner[key]!r} and {original!r} both become the identifier "
                f"{identifier!r}; rename one"
            )
        owner[key] = original
        made[original] = identifier
    return made


def indent_structure(
    root: ET.Element, keeps_whitespace: Callable[[ET.Element], bool], level: int = 0
) -> None:
    """Indent an XML tree for reading, leaving mixed (HTML) content exactly as it is."""
    mixed = (root.text or "").strip() or any((child.tail or "").strip() for child in root)
    if keeps_whitespace(root) or not len(root) or mixed:
        return
    inner = "\n" + "  " * (level + 1)
    root.text = inner
    for child in root:
        indent_structure(child, keeps_whitespace, level + 1)
        child.tail = inner
    root[-1].tail = "\n" + "  " * level


def xml_bytes(root: ET.Element, owner: str = "the quiz") -> bytes:
    """A UTF-8 XML document with declaration and a final newline; ExportError naming
    ``owner`` if it holds a character XML cannot.

    Namespaces are written by the caller as plain ``xmlns`` attributes on the root, so that
    ElementTree's process-wide prefix registry is never touched.
    """
    body = ET.tostring(root, encoding="unicode")
    _refuse_in(body, owner)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'.encode()


# A fixed timestamp (the earliest a zip can hold) so the same quiz always gives the same bytes.
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)


def zip_bytes(files: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of (name, content) pairs in the given order; names ending in '/' are folders.

    ExportError if a name comes twice (zipfile would only warn, and importers keep either).
    """
    buffer = io.BytesIO()
    names: set[str] = set()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files:
            if name in names:
                raise ExportError(f"two files in the package would be named {name!r}")
            names.add(name)
            info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
            info.create_system = 3  # Unix, on every platform, so the bytes never differ
            if name.endswith("/"):
                info.external_attr = (0o40755 << 16) | 0x10
                archive.writestr(info, b"")
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o100644 << 16
                archive.writestr(info, content)
    return buffer.getvalue()


def write_zip(path: str | Path, files: Iterable[tuple[str, bytes]]) -> Path:
    """Write a reproducible zip to ``path`` (parent folders must exist) and return the path.

    The file is replaced in one step, so an interrupted export leaves the old file or none.
    """
    return atomic.write_bytes(writable_target(path, ".zip"), zip_bytes(files))
