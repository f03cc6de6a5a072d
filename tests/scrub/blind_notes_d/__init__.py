"""Blind set D: labelled NZ social-service case notes written from issue 15's text alone (see generator.py)."""
