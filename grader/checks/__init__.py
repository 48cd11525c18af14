"""The pytest checks, one package per track and one module per piece: <track>/check_<piece>.py grades the track's
piece <piece> (see Piece.check_module). The helpers they share and the fixtures (conftest.py) live here."""
import re
from functools import cache
from pathlib import Path

CHECKS_DIR = Path(__file__).parent
_CHECK = re.compile(r"^def (check_\w+)\(", re.MULTILINE)  # a check: a function at the top of its module


@cache
def check_names(check_module: str) -> tuple[str, ...]:
    """The checks of a module (CHECKS_DIR / check_module) in order, as pytest collects them: read, not imported,
    by a pattern rather than a parse, since `grade next` on fresh stubs needs them for every piece."""
    return tuple(_CHECK.findall((CHECKS_DIR / check_module).read_text(encoding="utf-8")))
