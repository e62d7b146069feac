"""The `yearbook` command line: `check`, `print`, `site` and `edition new`. No traceback
reaches the user: an unexpected failure prints one line (YEARBOOK_DEBUG=1 shows the traceback)."""

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from yearbook.data.validate import validate_data_dir


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="yearbook", description="Tools for the China Innovation Yearbook."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="validate the datasets against their schemas",
        description="Validate every <name>.csv against <name>.schema.json in DATA_DIR and "
        "report all problems at once. Exit status 0 when valid, 1 otherwise.",
    )
    check.add_argument("data_dir", nargs="?", default="data", metavar="DATA_DIR")
    printing = commands.add_parser(
        "print",
        help="write the print edition (a PDF per language) from the built site",
        description="Assemble every page of each language, in the order of mkdocs.yml's nav, "
        "from the site built in SITE_DIR (run `mkdocs build` first) and render it with "
        "WeasyPrint into the print cache (.cache/print/, or $YEARBOOK_PRINT_CACHE), keyed by "
        "the sources: the next build of the same sources publishes the PDFs in downloads/ and "
        "links to them (`make pdf` builds, prints, then builds again).",
    )
    printing.add_argument("site_dir", nargs="?", default="site", metavar="SITE_DIR")
    printing.add_argument(
        "--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)"
    )
    printing.add_argument(
        "--language",
        action="append",
        metavar="CODE",
        help="only this language (repeatable; default: every language)",
    )
    printing.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="render N languages at once (default: one per language, up to the CPUs)",
    )
    site = commands.add_parser(
        "site",
        help="assemble every edition into the site readers see",
        description="Copy the current edition's build (SITE, built under <base><edition>/) and "
        "every frozen edition in editions/ (checked as published, with their corrections) into "
        "OUT, with the root's front pages, editions.json, the sitemap index and 404 page.",
    )
    site.add_argument("--config", default="mkdocs.yml", help="default: %(default)s")
    site.add_argument("--site", default="site", help="default: %(default)s")
    site.add_argument("--out", default="public", help="default: %(default)s")
    edition = commands.add_parser("edition", help="start the next edition").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    new = edition.add_parser(
        "new",
        help="freeze the current edition as published and open YEAR as a draft",
        description="Build the current edition with its print edition as published at "
        "SITE_URL<edition>/ into editions/<edition>/ (site, data snapshot, manifest), then set "
        'mkdocs.yml to edition "YEAR", status draft. Commit the result.',
    )
    new.add_argument("year", metavar="YEAR")
    new.add_argument(
        "--site-url", required=True, help="the published site's base URL (Settings → Pages)"
    )
    new.add_argument("--config", default="mkdocs.yml", help="default: %(default)s")
    return parser


def editions(args: argparse.Namespace) -> int:
    """`yearbook site` and `yearbook edition new`; the exit status."""
    from yearbook.editions.assemble import assemble
    from yearbook.editions.freeze import freeze
    from yearbook.editions.settings import EditionError, read_current

    try:
        if args.command == "site":
            project = Path(args.config).resolve().parent
            out = assemble(project, read_current(args.config), Path(args.site), Path(args.out))
            print(f"yearbook site: {', '.join(out)} in {args.out}/")
        else:
            freeze(Path(args.config), args.year, args.site_url)
    except EditionError as error:
        print(f"yearbook {args.command}: {error}", file=sys.stderr)
        return 1
    return 0


def check(data_dir: str) -> int:
    """Validate `data_dir`, print the report or a one-line summary; the exit status."""
    from yearbook.editions.corrections import check_corrections, read_corrections

    result = validate_data_dir(data_dir)
    print(result.summary() if result.ok else result.report(consequence="the site would not build"))
    # Corrections to frozen editions (beside data/) cite its sources: checked with it.
    project = Path(data_dir).resolve().parent
    corrections = read_corrections(project)
    if not result.ok or not corrections:  # corrections are checked against valid data only
        return 0 if result.ok else 1
    problems = check_corrections(corrections, project, Path(data_dir))
    count = f"{len(corrections)} correction{'' if len(corrections) == 1 else 's'}"
    print("\n".join(problems) or f"{count} to frozen editions: valid")
    return 0 if not problems else 1


def print_edition(
    site_dir: str, config: str, languages: Sequence[str] | None, jobs: int | None
) -> int:
    """Write the PDFs into the print cache, one line each (pages, size, time); the exit status."""
    # Imported here: `yearbook check` need not load the print edition.
    from yearbook.cache.print_edition import edition_key, print_cache_dir, store_edition
    from yearbook.print.article import PrintEditionError
    from yearbook.print.edition import write_print_editions

    key = edition_key(config)  # the sources as they are now (`make pdf` built the site from them)
    cache = print_cache_dir(config)
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache, prefix=".printing-") as printing:
        try:
            editions = write_print_editions(site_dir, config, languages, jobs, printing)
        except PrintEditionError as error:
            print(f"yearbook print: {error}", file=sys.stderr)
            return 1
        stored = store_edition(cache, key, {edition.language: edition.path for edition in editions})
    for edition in editions:
        path = stored[edition.language]
        size = path.stat().st_size / 1_000_000
        print(f"{path}: {edition.pages} pages, {size:.1f} MB, {edition.seconds:.1f} s")
    print("yearbook print: the next build of these sources publishes and links the PDFs")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `yearbook` console script; returns the exit status."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):  # not every stream can
            stream.reconfigure(errors="backslashreplace")
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return check(args.data_dir)
        if args.command in ("site", "edition"):
            return editions(args)
        return print_edition(args.site_dir, args.config, args.language, args.jobs)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if os.environ.get("YEARBOOK_DEBUG"):
            raise
        print(
            f"yearbook: internal error: {type(exc).__name__}: {exc} "
            "(set YEARBOOK_DEBUG=1 for details and report it)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
