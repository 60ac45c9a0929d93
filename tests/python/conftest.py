"""Puts the generated Python bindings (bindings/generate) on the path."""
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BINDINGS = Path(os.environ.get("QUIETLEGS_PY_BINDINGS", ROOT / "target" / "bindings" / "python"))
sys.path.insert(0, str(BINDINGS))
