"""Vega, Vega-Lite and vega-embed as one script served by the site itself (never a CDN);
building it takes 3 s, so it is cached by vl-convert version (made by `make` at setup)."""

import sys
from importlib import metadata
from pathlib import Path

import vl_convert

BUNDLE_NAME = "vega-bundle.js"


def vega_bundle(cache_dir: Path) -> Path:
    """The cached bundle, built first if missing."""
    path = cache_dir / "vega" / f"vl-convert-{metadata.version('vl-convert-python')}" / BUNDLE_NAME
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        # The type stub wants a snippet, which is optional: without one the bundle is the libraries.
        bundle: str = vl_convert.javascript_bundle()  # type: ignore[call-arg]
        partial.write_text(bundle, encoding="utf-8")
        partial.replace(path)
    return path


if __name__ == "__main__":  # python -m yearbook.charts.bundle CACHE_DIR
    print(vega_bundle(Path(sys.argv[1] if len(sys.argv) > 1 else ".cache")))
