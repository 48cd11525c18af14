"""The repo track's checks: micrograd as on GitHub, then the moons demo."""
