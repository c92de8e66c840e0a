"""Screenshots of the Overview at desktop and phone sizes with Debian's Chromium: first screen and full page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import chromium, dashboard_server, settle  # noqa: E402

SIZES = {"1440x900": (1440, 900), "390x844": (390, 844)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True, type=Path, help="the database to show (the demo, say)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--name", default="overview", help="file name stem, e.g. overview-after")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with dashboard_server(args.db) as url, chromium() as browser:
        for label, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(url)
            for attempt in range(4):  # a loaded machine renders the first, uncached, run slowly
                try:
                    settle(page)
                    break
                except Exception:
                    if attempt == 3:
                        raise
            page.wait_for_timeout(1500)
            page.screenshot(path=str(args.out / f"{args.name}-{label}.png"))
            print(args.out / f"{args.name}-{label}.png")
            page.close()


if __name__ == "__main__":
    main()
