"""The practice loop: watch, reset, drill and diff, and their views."""
