"""``citelink check --offline`` on the bundled article as a user runs it: a new process each
time, with a warm local index (built by the first run). Target: under 1 s.
Run: ``python benchmarks/bench_cli.py``.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 1.0


def main() -> int:
    exe = Path(sys.executable).with_name("citelink")
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "refs", Path(tmp) / "refs")
        cmd = [str(exe), "check", "refs/article.txt", "--offline", "--json"]
        subprocess.run(cmd, cwd=tmp, capture_output=True, check=True)  # builds the index
        times = []
        for _ in range(7):
            start = time.perf_counter()
            subprocess.run(cmd, cwd=tmp, capture_output=True, check=True)
            times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(
        f"median {median:.2f} s, best {min(times):.2f} s over {len(times)} runs "
        f"(target < {TARGET_S:.0f} s): {'met' if median < TARGET_S else 'MISSED'}"
    )
    return 0 if median < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
