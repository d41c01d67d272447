"""Event coding: CAMEO and PLOVER events from Arabic sentences, with dates, places, quotes and evidence."""
