"""Blind labelled case notes, set E: written from issue 15's text alone, in several staff styles per provider."""
