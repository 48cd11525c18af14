"""The practice loop: watch (and its live screen), reset, drill and diff, and their views."""
