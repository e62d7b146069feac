"""Editions: the current one built from these sources, frozen ones kept as published under
editions/<year>/, assembled with their corrections into the site readers see (`yearbook site`)."""
