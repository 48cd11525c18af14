"""The learner's side of the disk: the workspace, its files read without running them, and its .kata/ state."""
