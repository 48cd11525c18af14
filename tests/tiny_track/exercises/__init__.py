"""Your tiny library."""
