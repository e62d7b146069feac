"""Python-Markdown's `abbr` extension, matching abbreviations next to Chinese characters.

Chinese is written without spaces, so `MAH制度` or `PD-1抑制剂` have no word boundary (`\\b`)
after the abbreviation and the stock extension never explains them on Chinese pages. Here an
abbreviation only needs no Latin letter or digit on either side.
Use it in mkdocs.yml in place of `abbr`: `markdown_extensions: [yearbook.pages.abbreviations]`.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree as etree

from markdown import Markdown
from markdown.extensions import abbr


class LatinBoundaryAbbrTreeprocessor(abbr.AbbrTreeprocessor):  # type: ignore[misc]  # untyped
    def run(self, root: etree.Element) -> etree.Element | None:
        if not self.abbrs:
            return None
        keys = sorted(self.abbrs, key=len, reverse=True)
        alternatives = "|".join(re.escape(key) for key in keys)
        self.RE = re.compile(f"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])")
        self.iter_element(root)
        return None


class AbbrExtension(abbr.AbbrExtension):  # type: ignore[misc]  # Markdown ships no types
    def extendMarkdown(self, md: Markdown) -> None:
        super().extendMarkdown(md)
        md.treeprocessors.register(LatinBoundaryAbbrTreeprocessor(md, self.abbrs), "abbr", 7)


def makeExtension(**kwargs: Any) -> AbbrExtension:  # the name Python-Markdown looks for
    return AbbrExtension(**kwargs)
