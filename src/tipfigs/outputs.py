"""A figure's outputs, written all together or not at all.

A notebook renders its figure, table and claims into memory; :meth:`FigureOutputs.publish`
(its last step) writes each file to a temporary name in the output folder and renames
it into place. A run that fails before ``publish`` leaves the previous outputs exactly as
they were. Bytes are deterministic: no dates, software versions or random ids.
"""

from __future__ import annotations

import io as _io
import os
from pathlib import Path

import pandas as pd

from tipfigs import params
from tipfigs.claims import Claims
from tipfigs.errors import DataError

SUFFIXES = (".png", ".svg", ".csv", ".claims.json")


class FigureOutputs:
    def __init__(self, stem: str, output_dir=None):
        self.stem = stem
        self.output_dir = params.output_dir("output_dir", output_dir)
        self.claims = Claims(stem)
        self._files: dict[str, bytes] = {}

    # -- rendering -------------------------------------------------------------------
    def figure(self, fig, alt: str = ""):
        """Render ``fig`` to PNG and SVG (in memory), close it, and return the PNG for display."""
        import matplotlib.pyplot as plt
        from IPython.display import Image

        png, svg = _io.BytesIO(), _io.BytesIO()
        fig.savefig(png, format="png", metadata={"Software": None})
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        plt.close(fig)
        self._files[".png"] = png.getvalue()
        self._files[".svg"] = svg.getvalue()
        return Image(data=self._files[".png"], format="png", alt=alt or None)

    def table(self, df: pd.DataFrame) -> pd.DataFrame:
        """Record the tidy table the figure plots; returns it for display."""
        if not isinstance(df, pd.DataFrame) or df.empty:
            raise DataError(f"{self.stem}: nothing to plot: the figure's table is empty "
                            "(do the parameters select any data?)")
        buf = _io.StringIO()
        df.to_csv(buf, index=False, lineterminator="\n", float_format="%.6g")
        self._files[".csv"] = buf.getvalue().encode("utf-8")
        return df

    # -- publishing -------------------------------------------------------------------
    def publish(self) -> pd.DataFrame:
        """Write every output atomically; returns a listing (name, bytes) for display."""
        if not self.claims.items:
            raise ValueError(f"{self.stem}: no claims recorded")
        self._files[".claims.json"] = self.claims.to_json().encode("utf-8")
        missing = [s for s in SUFFIXES if s not in self._files]
        if missing:
            raise ValueError(f"{self.stem}: nothing rendered for {', '.join(missing)}")
        self.output_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for suffix in SUFFIXES:
            target = self.output_dir / f"{self.stem}{suffix}"
            atomic_write(target, self._files[suffix])
            written.append((target.name, len(self._files[suffix])))
        return pd.DataFrame(written, columns=["file", "bytes"])


def atomic_write(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` via a temporary file in the same folder and a rename."""
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def published(stem: str, output_dir=None) -> dict[str, Path]:
    d = params.output_dir("output_dir", output_dir)
    return {s: d / f"{stem}{s}" for s in SUFFIXES}


__all__ = ["FigureOutputs", "atomic_write", "published"]
