"""Renderers turn a Comparison or Document into Markdown, JSON or terminal output."""
