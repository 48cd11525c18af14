"""The pytest checks, one package per track and one module per piece: <track>/check_<piece>.py grades the track's
piece <piece> (see Piece.check_module). The helpers they share and the fixtures (conftest.py) live here."""
from pathlib import Path

CHECKS_DIR = Path(__file__).parent
