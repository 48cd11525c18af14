"""Model answers for the lecture track: the same files and symbols as exercises/lecture/."""
