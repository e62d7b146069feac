"""Reading the built site's HTML in tests: page list, <html lang>, language-selector links."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class PageFacts:
    lang: str | None = None
    selector: dict[str, str] = field(default_factory=dict)  # hreflang → href


class _FactsParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.facts = PageFacts()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.facts.lang = attributes.get("lang")
        classes = (attributes.get("class") or "").split()
        if tag == "a" and "md-select__link" in classes and "hreflang" in attributes:  # not editions
            self.facts.selector[attributes["hreflang"] or ""] = attributes["href"] or ""


def page_facts(path: Path) -> PageFacts:
    parser = _FactsParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.facts


def content_pages(site: Path) -> list[str]:
    """Site-relative paths of the rendered pages (not 404s, not theme assets)."""
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("index.html")
        if not path.relative_to(site).as_posix().startswith(("assets/", "search/"))
    )


def yearbook_pages(site: Path) -> list[str]:
    """`content_pages` of the yearbook built from this repository, checked to be all of them:
    each page of content/zh/ and each company, cluster and event, in two languages."""
    chapters = len(list((ROOT / "content" / "zh").rglob("*.md")))
    entities = sum(
        len((ROOT / "data" / f"{name}.csv").read_text("utf-8-sig").strip().splitlines()) - 1
        for name in ("companies", "clusters", "robotics_events")
    )
    pages = content_pages(site)
    assert len(pages) == 2 * (chapters + entities), f"{len(pages)} pages in {site}"
    return pages


def resolve(site: Path, page: str, href: str) -> Path:
    """The file a relative link on `page` leads to, as a static web server would serve it."""
    target = urlsplit(urljoin("http://site/" + page, href)).path.lstrip("/")
    if target == "" or target.endswith("/"):
        target += "index.html"
    return site / target
