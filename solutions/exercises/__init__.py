"""Model answers for the exercises track: the same files and symbols as exercises/exercises/."""
