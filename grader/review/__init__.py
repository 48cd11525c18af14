"""Spaced review: what is due today, the review run, and how far each piece is from recited."""
