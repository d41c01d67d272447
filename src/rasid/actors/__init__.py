"""Actors: a reviewable Arabic actor dictionary and a date-aware resolver to CAMEO actor codes."""

MEDIA_SECTOR = "MED"  # the role sector of news outlets and journalists (CAMEO MED)
