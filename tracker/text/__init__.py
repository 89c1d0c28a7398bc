"""Text helpers every step may use: words, dates and sentences of Dutch and English letters."""
