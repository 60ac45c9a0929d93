"""FFI call overhead through the Python bindings, beside a pure-Python call in the same run."""
import sys
import tempfile
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "target" / "bindings" / "python"))
import quietlegs_core as ql  # noqa: E402


def pure_version():
    return "0.1.0"


def per_call(fn, n):
    best = min(timeit.repeat(fn, number=n, repeat=5))
    return best / n * 1e9


with tempfile.TemporaryDirectory() as d:
    q = ql.QuietLegs.open(str(Path(d) / "o.db"))
    n = 20000
    print(f"python  pure call                 {per_call(pure_version, n):8.0f} ns")
    print(f"python  core_version() via FFI    {per_call(ql.core_version, n):8.0f} ns")
    print(f"python  q.device_id() via FFI     {per_call(q.device_id, n):8.0f} ns")
    print(f"python  q.plan(None) via FFI      {per_call(lambda: q.plan(None), 200):8.0f} ns")
