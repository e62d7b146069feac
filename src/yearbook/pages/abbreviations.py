"""Python-Markdown's `abbr` extension, also explaining abbreviations next to Chinese characters
(`MAH制度`, `PD-1抑制剂`), where the stock extension finds no word boundary: here only a Latin
letter or digit on either side stops a match. In mkdocs.yml in place of `abbr`."""

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
