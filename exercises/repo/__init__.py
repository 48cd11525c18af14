"""Your micrograd, as it stands on GitHub: fill in each piece, then run `grade next`."""
