"""Start the dashboard with its start-up work done first, so the first visitor sees figures at once.

`bash scripts/run.sh` runs this. Before the server answers it builds the demo database when there is none
(as `python -m safeguarding demo` does), imports what the pages import, opens the store and works out what
the first visit to the Overview reads (its indicator values, figures and tiles); then it hands over to
`streamlit run dashboard.py` in the same process, whose page runs find all of that done. Arguments are
passed to `streamlit run`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _build_demo(path: Path) -> None:
    """The demo database at `path`, built under another name and moved into place when complete."""
    from safeguarding import demo

    print(f"No database at {path} yet: building the demo partnership from data/sample/.", flush=True)
    building = path.with_name(path.name + ".building")
    for stale in (building, building.with_name(building.name + ".wal")):
        stale.unlink(missing_ok=True)
    print(demo.build_demo_database(building), flush=True)
    wal = building.with_name(building.name + ".wal")
    if wal.exists():
        wal.replace(path.with_name(path.name + ".wal"))
    building.replace(path)


def warm_up() -> None:
    """Build the demo if needed, import the pages' modules, open the store and work out what the Overview reads."""
    os.chdir(ROOT)
    from safeguarding.store import default_path, open_store

    path = default_path()
    if not isinstance(path, str) and not path.exists():  # a shared store is made when first opened
        _build_demo(path)
    import pages.ui.blocks  # noqa: F401  (the pages' imports: pandas, plotly, the core)
    from pages.ui import data

    open_store(path)  # the process's store: the dashboard's first page run finds it open
    data.prepare(path)  # and what the Overview reads, worked out


def main() -> int:
    warm_up()
    from streamlit.web.cli import main as streamlit_main

    sys.argv = ["streamlit", "run", str(ROOT / "dashboard.py"), *sys.argv[1:]]
    return streamlit_main()


if __name__ == "__main__":
    sys.exit(main())
