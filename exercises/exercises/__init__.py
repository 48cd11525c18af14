"""Your micrograd, from the lecture's exercise notebook: fill in each piece, then run `grade next`."""
