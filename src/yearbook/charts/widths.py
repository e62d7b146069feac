"""The two layouts of every chart, by the width of the column it is in; imported by the build's
own process too, so it imports neither pandas nor Altair."""

WIDE = 640
"""Width in px of a chart's static SVG in its wide layout; a column at least this wide shows
that layout (charts.css, charts.js), a narrower one the phone layout."""
PHONE = 304
"""Width of the phone layout's static SVG: a chart frame's inside on a 360 px screen (charts.css),
so that its text is drawn at its own size there (the static SVG shows until the live chart
replaces it)."""
FONT_SIZE = 12
"""Every chart text, in px: at least 11 px as read on a phone."""
