"""The interface-string catalogues (site and print): every language defines the same keys,
none empty."""

from importlib import resources

from yearbook.formatting import catalogue


def catalogue_codes() -> list[str]:
    """Languages that have a catalogue."""
    folder = resources.files("yearbook").joinpath("ui")
    return sorted(
        entry.name.removesuffix(".json")
        for entry in folder.iterdir()
        if entry.name.endswith(".json")
    )


def test_a_catalogue_exists_for_each_language() -> None:
    assert catalogue_codes() == ["en", "zh"]


def test_every_key_exists_in_every_language() -> None:
    keys = {code: set(catalogue(code)) for code in catalogue_codes()}
    reference = keys["zh"]
    assert reference
    for code, present in keys.items():
        assert present == reference, (
            f"{code}: missing {reference - present}, extra {present - reference}"
        )


def test_no_string_is_empty() -> None:
    for code in catalogue_codes():
        assert all(value.strip() for value in catalogue(code).values()), code
