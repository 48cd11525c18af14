"""Model answers for the repo track: the same files and symbols as exercises/repo/."""
