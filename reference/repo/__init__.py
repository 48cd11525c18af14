"""The reference for the repo track where its API differs from reference/: lent before reference/<file>.py."""
