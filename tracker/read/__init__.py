"""Reading a letter: file bytes to text, text to a Document, and the canonical snapshot."""
