"""A built page's `<article>`, rewritten as one part of the print document: ids prefixed with
the page's anchor, links kept inside the document, what works only on screen dropped.
"""

import html
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import NamedTuple
from urllib.parse import SplitResult, unquote, urljoin, urlsplit

_ORIGIN = "http://site.invalid/"  # relative links are resolved against it, then mapped

_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())  # noqa: SIM905
_DROPPED_TAGS = frozenset(
    {"script", "style", "noscript", "template", "button", "form", "input", "select", "nav"}
)
_DROPPED_CLASSES = frozenset(
    {
        "headerlink",  # the ¶ permalink after each heading
        "footnote-backref",  # ↩ from a footnote to its reference: no use on paper
        "yearbook-chart__live",  # the JavaScript chart; the static SVG stays
        "yearbook-chart__phone",  # the static SVG laid out for a phone; print has the wide one
        "yearbook-chart__data",  # the chart's rows, collapsed on screen; the data chapter has them
        "md-source-file",
        "yearbook-print-edition",  # links to the PDFs: a PDF does not link to itself
    }
)
_HEADINGS = frozenset({"h1", "h2"})


class PrintEditionError(ValueError):
    """The built site cannot be printed; the message names the file and what to do."""


def element_id(anchor: str, id_: str) -> str:
    """An element's id in the print document: its page's anchor, then its id on the page."""
    return f"{anchor}--{id_}"


def page_anchor(path: str, root: str) -> str:
    """The id of a page's part of the document: its URL below the language's root, as one
    word (`en/companies/cspc/` → `companies-cspc`; the front page → `index`)."""
    below = path.removeprefix(root).strip("/")
    return below.replace("/", "-") or "index"


def page_url(path: str) -> str:
    """A site path as a page's URL: `deals/index.html` and `deals/` are both `deals/`."""
    return path.removesuffix("index.html")


def _on_site(url: str, page: str) -> SplitResult | None:
    """`url` as written on the page at site path `page`, its path from the site root; None
    when it leads elsewhere (another site, mailto:, …)."""
    if (parts := urlsplit(url)).scheme or parts.netloc:
        return None
    target = urlsplit(urljoin(_ORIGIN + page, url))
    return target._replace(path=target.path.lstrip("/"))


@dataclass(frozen=True)
class LinkTargets:
    """Where links go in print: pages in the document by anchor, the rest to the website."""

    anchors: Mapping[str, str]
    """Site path of each page in the document (`en/deals/`) → its anchor (`deals`)."""
    site_url: str  # the published site, e.g. `https://example.org/yearbook/`

    def href(self, href: str, page: str) -> str:
        """`href` as written on the page at site path `page`, rewritten for the print."""
        target = _on_site(href, page)
        if target is None:
            return href
        anchor = self.anchors.get(page_url(target.path))
        if anchor is not None and not target.query:
            fragment = unquote(target.fragment)
            return "#" + (element_id(anchor, fragment) if fragment else anchor)
        return urljoin(self.site_url, target._replace(scheme="", netloc="").geturl())

    def src(self, src: str, page: str) -> str:
        """An embedded file (image) as a path from the site root, read from the built site."""
        target = _on_site(src, page)
        return src if target is None else target.path


class Heading(NamedTuple):
    level: int
    id: str
    text: str


class PrintedPage(NamedTuple):  # a page's article for the print document
    html: str
    headings: tuple[Heading, ...]


class _ArticleRewriter(HTMLParser):
    def __init__(self, page: str, anchor: str, targets: LinkTargets, chart_font: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.anchor = anchor
        self.targets = targets
        self.chart_font = chart_font
        self.out: list[str] = []
        self.headings: list[Heading] = []
        self.articles_seen = 0
        self._article_depth = 0
        self._skip_depth = 0
        self._svg_depth = 0
        self._heading: tuple[str, str, list[str]] | None = None  # tag, id, text so far

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], *, closed: bool) -> None:
        opens = not closed and tag not in _VOID
        if tag == "article" and self._article_depth == 0 and self._skip_depth == 0:
            self.articles_seen += 1
            self._article_depth = 1
            return
        if self._article_depth == 0:
            return
        if self._skip_depth:
            self._skip_depth += opens
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag in _DROPPED_TAGS or "hidden" in dict(attrs) or classes & _DROPPED_CLASSES:
            self._skip_depth = int(opens)
            return
        if tag == "article":
            self._article_depth += opens
        if tag == "svg":
            self._svg_depth += opens
        attributes = [self._attribute(tag, name, value) for name, value in attrs]
        if tag in _HEADINGS and opens and not self._svg_depth and self._heading is None:
            heading_id = next((value for name, value in attributes if name == "id"), None)
            self._heading = (tag, heading_id or "", [])
        shown = "".join(f" {n}" if v is None else f' {n}="{html.escape(v)}"' for n, v in attributes)
        self.out.append(f"<{tag}{shown}{'/' if closed else ''}>")

    def handle_endtag(self, tag: str) -> None:
        if self._article_depth == 0 or tag in _VOID:
            return
        if self._skip_depth:
            self._skip_depth -= 1
            return
        if tag == "article":
            self._article_depth -= 1
            if self._article_depth == 0:
                return
        if tag == "svg":
            self._svg_depth = max(0, self._svg_depth - 1)
        if self._heading is not None and tag == self._heading[0]:
            name, heading_id, text = self._heading
            self.headings.append(Heading(int(name[1]), heading_id, " ".join("".join(text).split())))
            self._heading = None
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self._article_depth and not self._skip_depth:
            self.out.append(html.escape(data, quote=False))
            if self._heading is not None:
                self._heading[2].append(data)

    def _attribute(self, tag: str, name: str, value: str | None) -> tuple[str, str | None]:
        if value is None:
            return name, value
        if name == "id" and not self._svg_depth:
            # SVG ids stay: the charts' own references (url(#…)) point at them.
            return name, element_id(self.anchor, value)
        if name == "href" and tag == "a":
            return name, self.targets.href(value, self.page)
        if name == "src":
            return name, self.targets.src(value, self.page)
        if name == "font-family" and self._svg_depth:
            return name, self.chart_font
        return name, value


def rewrite_article(
    page_html: str,
    *,
    page: str,
    anchor: str,
    targets: LinkTargets,
    chart_font: str,
    source: str = "",
) -> PrintedPage:
    """The inner HTML of the page's `<article>`, rewritten for the print document, with its
    h1 and h2 headings (ids as in the print). `source` names the file in errors."""
    rewriter = _ArticleRewriter(page, anchor, targets, chart_font)
    rewriter.feed(page_html)
    rewriter.close()
    if rewriter.articles_seen != 1:
        raise PrintEditionError(
            f"{source or page}: expected one <article> (the page's content), found "
            f"{rewriter.articles_seen}; is it a page of the built yearbook?"
        )
    return PrintedPage("".join(rewriter.out).strip(), tuple(rewriter.headings))


class _DirectoryLinks(HTMLParser):
    def __init__(self, page: str, container_class: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.container_class = container_class
        self.links: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        attributes = dict(attrs)
        if self._depth:
            self._depth += 1
        elif self.container_class in (attributes.get("class") or "").split():
            self._depth = 1
        href = attributes.get("href")
        target = _on_site(href, self.page) if self._depth and tag == "a" and href else None
        if target is not None and page_url(target.path) not in self.links:
            self.links.append(page_url(target.path))

    def handle_endtag(self, tag: str) -> None:
        if self._depth and tag not in _VOID:
            self._depth -= 1


def linked_pages(page_html: str, *, page: str, container_class: str) -> list[str]:
    """Site paths of the pages linked from inside elements of `container_class`, in order,
    each once (the directory's entries: `yearbook-directory` → `companies/cspc/`, …)."""
    parser = _DirectoryLinks(page, container_class)
    parser.feed(page_html)
    parser.close()
    return parser.links
