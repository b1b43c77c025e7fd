"""A figure's outputs, written all together or not at all.

A notebook renders its figure, table and claims into memory; :meth:`FigureOutputs.publish`
(its last step) writes each file to a temporary name in the output folder and renames
it into place. A run that fails before ``publish`` leaves the previous outputs exactly as
they were. Bytes are deterministic: no dates, software versions or random ids.

Besides the figure (PNG, SVG), its table (CSV) and its claims, each figure has an "about"
record (``<stem>.about.json``): its headline title, its finding (one sentence computed from
the data, with its numbers), the text alternative, and the data files it actually read
(:meth:`FigureOutputs.uses`), each with its citation. The catalogue is built from it, and the
SVG carries the title and the finding as its ``<title>`` and ``<desc>``.

Where the outputs go (:func:`destination`): the ``output_dir`` given; else, in the project's
build, ``figures/`` (or ``$TIPFIGS_OUTPUT_DIR``, where the test suite sends them); else, in any
other run (papermill, JupyterLab, VS Code, a custom run of ``run.py``), a folder of its own,
``build/custom/<stem>/<parameter set>/`` (:mod:`tipfigs.runs`). A run that is not the build
writes its parameters beside its outputs (``<stem>.parameters.json``) and says where they went.
"""

from __future__ import annotations

import io
import json
import os
from html import escape
from pathlib import Path

import pandas as pd

from tipfigs import params, paths, runs, session
from tipfigs.claims import Claims
from tipfigs.errors import DataError

SUFFIXES = (".png", ".svg", ".csv", ".claims.json", ".about.json")
#: The slide and bare variants of a publication figure (:mod:`tipfigs.publication`).
VARIANT_SUFFIXES = (".slide.png", ".slide.svg", ".bare.png", ".bare.svg")
#: Written when the figure has them: every specification of its readings' grids
#: (:mod:`tipfigs.specs`), the variants; a figure without them has no such file (an old one is
#: removed).
OPTIONAL_SUFFIXES = (".specs.csv", *VARIANT_SUFFIXES)


class FigureOutputs:
    def __init__(self, stem: str | None = None, output_dir=None):
        """``stem`` names every output; by default it is the running notebook's file name
        (:func:`tipfigs.session.stem`)."""
        if stem is None:
            stem = session.stem()
        self.stem = stem
        #: ``run``: the parameters record written beside the outputs of a run that is not the
        #: build (None in the build).
        self.output_dir, self.run = destination(stem, output_dir)
        self.claims = Claims(stem)
        self._files: dict[str, bytes] = {}
        self.about: dict = {"stem": stem, "title": "", "finding": "", "alt": "", "data": []}

    # -- what the figure read -----------------------------------------------------------
    def uses(self, path) -> dict:
        """Record a data file the figure actually read, with its citation: a manifest release
        (its citation, release and checksum), a transcribed table under data/ (its first
        comment line), or any other file (its name and checksum). Returns the record."""
        from tipfigs import manifest

        p = paths.resolve(path)
        entry = manifest.entry_for(p)
        if entry is not None:
            item = {"kind": "release", "path": paths.show(p), "citation": entry.citation,
                    "title": entry.title, "release": entry.release, "published": entry.published,
                    "era": entry.era, "sha256": entry.sha256, "terms": entry.terms,
                    "source": entry.source}
        elif p.suffix == ".csv" and p.parent == paths.data_dir():
            item = {"kind": "transcribed", "path": paths.show(p), "citation": first_comment(p),
                    "source": manifest.transcribed_source(p.name)}
        else:
            item = {"kind": "file", "path": paths.show(p),
                    "citation": f"Data file {p.name} (sha256 {manifest.sha256_file(p)[:12]}...), "
                                "not a release listed in the project's manifest.",
                    "source": f"data file {p.name}"}
        if all(d["path"] != item["path"] for d in self.about["data"]):
            self.about["data"].append(item)
        return item

    # -- rendering -------------------------------------------------------------------
    def figure(self, fig, alt: str = "", title: str = "", finding: str = ""):
        """Render ``fig`` to PNG and SVG (in memory), close it, and return the PNG for display.

        ``title`` is the figure's headline, ``finding`` its key finding in one sentence with
        its numbers (computed, never typed), ``alt`` a description of what is drawn. The text
        alternative is the three together; the SVG and the PNG carry them as their title and
        description."""
        import matplotlib.pyplot as plt
        from IPython.display import Image

        from tipfigs import style

        problems = style.print_size_problems(fig)
        if problems:
            plt.close(fig)
            raise ValueError(f"{self.stem}: the figure cannot be printed at its drawn size: "
                             + "; ".join(problems[:6]))
        text = " ".join(t.strip() for t in (f"{title}." if title else "", finding, alt) if t.strip())
        described = " ".join(t.strip() for t in (finding, alt) if t.strip())
        png, svg = io.BytesIO(), io.BytesIO()
        png_meta = {"Software": None}
        if title:
            png_meta["Title"] = title
        if described:
            png_meta["Description"] = described
        fig.savefig(png, format="png", metadata=png_meta)
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        plt.close(fig)
        self._files[".png"] = png.getvalue()
        self._files[".svg"] = svg_with_description(svg.getvalue(), title, described)
        self.about.update(title=title, finding=finding, alt=text)
        return Image(data=self._files[".png"], format="png", alt=text or None)

    def publication(self, pub, finding: str = ""):
        """Render the publication figure ``pub`` (:class:`tipfigs.publication.Publication`) in
        its three variants (page, slide, bare), checked by the editor's rules, into memory;
        return the page PNG for display. ``finding`` is the key finding in one sentence with its
        numbers (computed, never typed); the text alternative (``pub.alt``, at most 30 words)
        is the image's alt text and the SVG's title, the long description its description."""
        import matplotlib.pyplot as plt
        from IPython.display import Image

        from tipfigs import publication

        try:
            figures = publication.draw_all(pub)
        except ValueError as e:
            raise ValueError(f"{self.stem}: {e}") from None
        for v in publication.VARIANTS:
            fig = figures[v.name]
            png_meta = {"Software": None, "Title": pub.alt, "Description": pub.description}
            self._files[f"{v.suffix}.png"] = publication.save(fig, v, "png", png_meta)
            svg = publication.save(fig, v, "svg", {"Date": None, "Creator": None})
            self._files[f"{v.suffix}.svg"] = svg_with_description(svg, pub.alt, pub.description)
            plt.close(fig)
        self.about.update(title=pub.title, subtitle=pub.subtitle, finding=finding, alt=pub.alt,
                          description=pub.description, source=pub.source,
                          variants={v.name: f"{self.stem}{v.suffix}" for v in publication.VARIANTS})
        return Image(data=self._files[".png"], format="png", alt=pub.alt)

    def table(self, df: pd.DataFrame) -> pd.DataFrame:
        """Record the tidy table the figure plots; returns it for display."""
        if not isinstance(df, pd.DataFrame) or df.empty:
            raise DataError(f"{self.stem}: nothing to plot: the figure's table is empty "
                            "(do the parameters select any data?)")
        buf = io.StringIO()
        df.to_csv(buf, index=False, lineterminator="\n", float_format="%.6g")
        self._files[".csv"] = buf.getvalue().encode("utf-8")
        return df

    def left_out(self, data: str, what: str, rule: str, groups: int, persons_low: float,
                 persons_high: float, percent: float) -> None:
        """Record what a stated rule left out of one sum: on ``data`` (a release's label), of
        ``what`` (the persons the sum counts), under ``rule``: ``groups`` country-years,
        ``persons_low`` to ``persons_high`` persons, ``percent`` of the persons summed without
        the rule. The about record lists them (``left_out``), and the reproduction report's
        limitations quote them."""
        self.about.setdefault("left_out", []).append({
            "data": data, "what": what, "rule": rule, "groups": int(groups),
            "persons_low": float(persons_low), "persons_high": float(persons_high),
            "percent": round(float(percent), 1)})

    # -- publishing -------------------------------------------------------------------
    def publish(self) -> pd.DataFrame:
        """Write every output atomically; returns a listing (name, bytes) for display."""
        if not self.claims.items:
            raise ValueError(f"{self.stem}: no claims recorded")
        self._files[".claims.json"] = self.claims.to_json().encode("utf-8")
        self._files[".about.json"] = (json.dumps(self.about, indent=2, ensure_ascii=False)
                                      + "\n").encode("utf-8")
        if self.claims.spec_results:
            self._files[".specs.csv"] = specs_csv(self.claims.spec_results)
        missing = [s for s in SUFFIXES if s not in self._files]
        if missing:
            raise ValueError(f"{self.stem}: nothing rendered for {', '.join(missing)}")
        suffixes = SUFFIXES + OPTIONAL_SUFFIXES
        if self.run is not None:
            self._files[runs.RECORD_SUFFIX] = runs.record_bytes(self.run)
            suffixes += (runs.RECORD_SUFFIX,)
        self.output_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for suffix in suffixes:
            target = self.output_dir / f"{self.stem}{suffix}"
            if suffix not in self._files:
                target.unlink(missing_ok=True)  # an earlier run's, no longer true
                continue
            atomic_write(target, self._files[suffix])
            written.append((target.name, len(self._files[suffix])))
        if self.run is not None:
            print(custom_note(self.output_dir, self.run))
        return pd.DataFrame(written, columns=["file", "bytes"])


def destination(stem: str, output_dir=None) -> tuple[Path, dict | None]:
    """Where a figure's outputs go, and the parameters record to write beside them (None for
    the build): the ``output_dir`` given; in the build, figures/ (or ``$TIPFIGS_OUTPUT_DIR``);
    in any other run, ``build/custom/<stem>/<parameter set>/``."""
    if output_dir is not None:
        return params.output_dir("output_dir", output_dir), runs.current(stem, session.notebook_path())
    if os.environ.get("TIPFIGS_OUTPUT_DIR") or runs.is_build():
        return params.output_dir("output_dir", None), None
    run = runs.current(stem, session.notebook_path())
    return runs.custom_dir(stem, run["parameter_set"]), run


def custom_note(folder: Path, run: dict) -> str:
    """The line a run that is not the build prints when its outputs are written."""
    changes = ", ".join(f"{k}={v!r}" for k, v in run["changed"].items()) or "the defaults"
    return (f"Outputs written to {paths.show(folder)}/ ({changes}). Only the build (`make`) "
            "writes the published figures/.")


def specs_csv(results) -> bytes:
    """Every specification of the figure's grids as CSV bytes (one row each)."""
    from tipfigs import specs

    buf = io.StringIO()
    specs.frame(results).to_csv(buf, index=False, lineterminator="\n", float_format="%.6g")
    return buf.getvalue().encode("utf-8")


def svg_with_description(svg: bytes, title: str, description: str) -> bytes:
    """The SVG with a ``<title>`` and a ``<desc>`` as the first children of its root, and
    ``role="img"``, so that screen readers announce the figure's title and finding."""
    if not (title or description):
        return svg
    text = svg.decode("utf-8")
    start = text.index("<svg")
    end = text.index(">", start)
    head = text[start:end]
    if "role=" not in head:
        head += ' role="img"'
    parts = [f"<title>{escape(title)}</title>" if title else "",
             f"<desc>{escape(description)}</desc>" if description else ""]
    return (text[:start] + head + ">\n " + "".join(parts) + text[end + 1:]).encode("utf-8")


def first_comment(path: Path) -> str:
    """The citation of a transcribed-values CSV: its first comment line."""
    try:
        with open(path, encoding="utf-8") as f:
            line = f.readline()
    except OSError:
        line = ""
    if line.startswith("#"):
        return line.lstrip("#").strip()
    return f"Values transcribed by hand in {paths.show(path)}."


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
