"""One HTML reader for the tests of pages and fragments: tags, balance, text, headings."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}


class ParsedHTML(HTMLParser):
    """Every start tag with its attributes, unbalanced end tags, all the text, the text a reader
    sees without opening a <details> (styles aside), and the <h2> headings."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []
        self.unbalanced: list[str] = []
        self.text_parts: list[str] = []
        self.visible: list[str] = []
        self.headings: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()
        else:
            self.unbalanced.append(tag)

    def handle_data(self, data: str) -> None:
        self.text_parts.append(data)
        if "details" not in self.open and "style" not in self.open:
            self.visible.append(data)
        if self.open and self.open[-1] == "h2":
            self.headings.append(data)

    def names(self) -> set[str]:
        """The tag names used."""
        return {tag for tag, _ in self.tags}

    @property
    def visible_text(self) -> str:
        """The text outside every <details>, spaces collapsed."""
        return " ".join(" ".join(self.visible).split())
