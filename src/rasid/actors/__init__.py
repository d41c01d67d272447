"""Actors: a reviewable Arabic actor dictionary and a date-aware resolver to CAMEO actor codes."""
