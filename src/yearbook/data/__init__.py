"""Stage 1, the data: CSV files read against their schemas, checked, and published."""
