"""LiveSplit-style speedruns: timing, records, the state on disk, the session that grades and records, and views."""
