"""The print edition: a PDF per language of the built site (`yearbook print SITE_DIR` after
`mkdocs build`; `make pdf` runs both), china-innovation-yearbook-….pdf. Reproducible: the same
site printed twice gives the same bytes (dated by SOURCE_DATE_EPOCH, identified by content)."""

import datetime
import hashlib
import multiprocessing
import os
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple

from yearbook.data.downloads import FOLDER, pdf_name
from yearbook.print.article import PrintEditionError
from yearbook.print.assemble import assemble, read_settings

STYLESHEET = Path(__file__).with_name("print.css")


def build_time() -> datetime.datetime:
    """When the edition is dated: SOURCE_DATE_EPOCH (reproducible builds; `make` sets it to the
    last commit's time), else the start of today (UTC), so prints of one day are the same."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    return datetime.datetime.combine(datetime.date.today(), datetime.time(), datetime.UTC)


class PrintedEdition(NamedTuple):
    language: str
    path: Path
    pages: int
    seconds: float


def render_pdf(
    document_html: str, site_dir: Path, target: Path, created: datetime.datetime
) -> tuple[int, float]:
    """Render the print document to `target`, dated `created`; its pages and seconds taken."""
    started = time.perf_counter()
    # Imported here: WeasyPrint takes a second to load, and only printing needs it.
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    # Only files of the built site (and data: URLs) are read: printing never goes online.
    fetcher = URLFetcher(allowed_protocols=["file", "data"])
    document = HTML(
        string=document_html, base_url=site_dir.resolve().as_uri() + "/", url_fetcher=fetcher
    ).render(stylesheets=[CSS(filename=str(STYLESHEET), url_fetcher=fetcher)])
    # The file's dates and identifier follow from what it prints, never from the clock.
    document.metadata.created = document.metadata.modified = created.isoformat()
    identifier = hashlib.sha256(document_html.encode("utf-8")).hexdigest()[:32]
    target.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(target, pdf_identifier=identifier.encode("ascii"))
    return len(document.pages), time.perf_counter() - started


def write_print_editions(
    site_dir: str | Path,
    config_path: str | Path = "mkdocs.yml",
    languages: Sequence[str] | None = None,
    jobs: int | None = None,
    target_dir: str | Path | None = None,
) -> list[PrintedEdition]:
    """Write the PDF of each language (or of `languages`) into `target_dir` (default:
    `site_dir/downloads/`), `jobs` at once (default: one per language, up to the CPUs)."""
    site = Path(site_dir)
    settings = read_settings(config_path)
    known = [language.code for language in settings.languages]
    if unknown := sorted(set(languages or ()) - set(known)):
        raise PrintEditionError(f"no language {', '.join(unknown)} in {config_path}: {known}")
    chosen = [lang for lang in settings.languages if languages is None or lang.code in languages]
    created = build_time()
    day = created.date()
    # Every document is assembled before any PDF is written: a page missing from the built
    # site stops the print with nothing half done.
    documents, assembly = [], []
    for language in chosen:
        started = time.perf_counter()
        documents.append(assemble(site, settings, language, day))
        assembly.append(time.perf_counter() - started)
    folder = Path(target_dir) if target_dir is not None else site / FOLDER
    targets = [folder / pdf_name(settings.edition, language.code) for language in chosen]
    workers = min(jobs or os.cpu_count() or 1, len(documents))
    sites, dates = [site] * len(targets), [created] * len(targets)
    if workers <= 1:
        rendered = list(map(render_pdf, documents, sites, targets, dates))
    else:
        # Languages render in parallel: WeasyPrint uses one core per document. Spawned, not
        # forked, workers: the caller (pytest, a server) may run threads.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            rendered = list(pool.map(render_pdf, documents, sites, targets, dates))
    return [
        PrintedEdition(language.code, target, pages, assembled + seconds)
        for language, target, (pages, seconds), assembled in zip(
            chosen, targets, rendered, assembly, strict=True
        )
    ]
