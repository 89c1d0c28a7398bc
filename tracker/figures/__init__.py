"""Figures: the numbers a reader tracks, found in a Document with their units, labels and dates."""
