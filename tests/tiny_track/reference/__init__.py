"""The tiny track's reference."""
