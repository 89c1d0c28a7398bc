"""Comparing two letters: sections paired and redlined, figures paired, findings checked."""
