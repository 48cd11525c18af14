"""The pytest checks, one module per piece: check_<piece>.py grades the piece <piece>."""
