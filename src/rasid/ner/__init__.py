"""Named-entity recognition: a CRF over Rasid's clitic-segmented tokens (PER, ORG, LOC, MISC)."""
