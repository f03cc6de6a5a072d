"""Blind labelled case-note set F (issue 15), written from the issue text alone."""
