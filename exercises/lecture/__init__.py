"""Your micrograd: fill in each piece, then run `grade next`."""
