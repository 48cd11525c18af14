"""Model answers for the micrograd kata: the same files and symbols as exercises/."""
