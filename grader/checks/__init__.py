"""The pytest checks, one module per piece: check_<piece>.py grades the piece <piece> (see Piece.check_module)."""
from pathlib import Path

CHECKS_DIR = Path(__file__).parent
