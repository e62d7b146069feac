"""Stage 2, the pages: markers, references, tables, cards and entity pages filled from the data."""
