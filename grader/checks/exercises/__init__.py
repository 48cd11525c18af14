"""The exercises track's checks: check_<piece>.py grades the piece <piece> (see Piece.check_module)."""
