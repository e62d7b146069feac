"""Build stage: the two languages' pages agree, before any page renders (yearbook.site.translation);
every chapter has a `description:` for search engines and shared links (yearbook.site.head).
"""

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from yearbook.site.head import missing_descriptions
from yearbook.site.languages import missing_twins
from yearbook.site.translation.problems import format_problems
from yearbook.site.translation.twins import check_twins, check_ui
from yearbook.state import build_state


def on_files(files: Files, config: MkDocsConfig) -> Files:
    languages, docs = build_state(config).languages, Path(config.docs_dir)
    pages = files.documentation_pages()
    if problems := missing_twins([file.src_uri for file in pages], languages, docs.name):
        raise PluginError("Pages without a twin:\n  " + "\n  ".join(problems))
    codes = [language.code for language in languages]
    if mistranslated := check_twins(docs, codes) + check_ui(codes):
        raise PluginError(format_problems(mistranslated))
    chapters = {f"{docs.name}/{file.src_uri}": file.content_string for file in pages}
    if undescribed := missing_descriptions(chapters):
        raise PluginError(
            "Pages without a description (search engines and shared links show it):\n  "
            + "\n  ".join(undescribed)
            + "\nStart each page with one sentence on what it covers, in its language:\n"
            "  ---\n  description: ...\n  ---"
        )
    return files
