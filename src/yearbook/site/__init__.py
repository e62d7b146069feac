"""Stage 3, the site: languages, navigation, head metadata, search, 404 pages, twin checks."""
