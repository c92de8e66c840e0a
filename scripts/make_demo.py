"""Regenerate the synthetic demo returns in data/sample/ (seeded, so the same files every time).

Usage: .venv/bin/python scripts/make_demo.py [--seed 42] [--out data/sample]
Then build a database from them with: .venv/bin/python -m safeguarding demo [--db PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from safeguarding import demo  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--seed", type=int, default=42)
    args.add_argument("--out", type=Path, default=demo.SAMPLE_DIR)
    options = args.parse_args(argv)
    options.out.mkdir(parents=True, exist_ok=True)
    for old in sorted(options.out.glob("*.xlsx")):
        old.unlink()
    paths = demo.generate(options.out, seed=options.seed)
    for path in paths:
        print(path.name)
    print(f"Wrote {len(paths)} workbooks to {options.out} (seed {options.seed}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
