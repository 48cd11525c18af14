"""The reference for the exercises track where its API differs from reference/: lent before reference/<file>.py."""
