"""What builds remember between runs, and what each cached thing was made from."""
