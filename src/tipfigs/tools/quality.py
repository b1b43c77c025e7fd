"""Write the data-quality tables of the UNODC GLOTIP releases.

    python -m tipfigs.tools.quality [--output-dir DIR] [WORKBOOK ...]

For each GLOTIP workbook of the manifest (or each WORKBOOK given), the table of the flags of the
consistency checks, and of the cells revised since the release before it (the manifest's
previous release; for WORKBOOKs, the one given before it), is written to
``figures/data-quality-glotip-<YYYY-MM-DD>.csv``, named by the date the release became public
(see :mod:`tipfigs.glotip.quality`), and one line says how many cells each rule flagged.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tipfigs import manifest, paths
from tipfigs.errors import TipfigsError
from tipfigs.glotip import quality


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tipfigs.tools.quality",
                                 description=__doc__.split("\n")[0])
    ap.add_argument("workbooks", nargs="*", help="GLOTIP workbooks (default: every release of the "
                    "manifest, named by the date it became public)")
    ap.add_argument("--output-dir", default=None,
                    help="folder for the tables (default: figures/, or $TIPFIGS_OUTPUT_DIR)")
    args = ap.parse_args(argv)
    try:
        if args.workbooks:
            found = [(w, manifest.entry_for(w)) for w in args.workbooks]
            jobs = [(w, Path(w).stem) for w in args.workbooks]
        else:
            found = [(e.local, e) for e in quality.releases()]
            jobs = [(e.local, e.published) for e in quality.releases()]
        for i, (workbook, label) in enumerate(jobs):
            earlier, entry = found[i - 1] if i else (None, None)
            flags = quality.table(workbook, earlier, quality.named(earlier, entry) if i else "")
            target = quality.write(flags, label, args.output_dir)
            counts = quality.summary(flags)
            done = ", ".join(f"{r['rule']} {r['flagged cells']}" for _, r in counts.iterrows())
            print(f"  ok  {paths.show(target)}: {done}")
    except TipfigsError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
