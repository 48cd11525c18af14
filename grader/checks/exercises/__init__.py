"""The checks of the exercises track: the lecture's exercise notebook, one module per piece."""
