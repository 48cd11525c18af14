"""The tiny track's checks."""
