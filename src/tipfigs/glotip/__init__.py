"""The UNODC Global Report on Trafficking in Persons (GLOTIP) country data: one module per concern.

:mod:`~tipfigs.glotip.schema` (the workbook's columns and values), :mod:`~tipfigs.glotip.read`
(parsing and the cached, checked table), :mod:`~tipfigs.glotip.checks` (the consistency rules),
:mod:`~tipfigs.glotip.exclusion` (the rules that decide which flagged country-years leave a sum,
and the totals that confirm a breakdown), :mod:`~tipfigs.glotip.revisions` (cells a release
revised by far since the one before it), :mod:`~tipfigs.glotip.sums` (what the figures sum),
:mod:`~tipfigs.glotip.variants` (the sums under the data choices of a specification grid),
:mod:`~tipfigs.glotip.quality` (the data-quality tables), :mod:`~tipfigs.glotip.published` (the
shares UNODC published), :mod:`~tipfigs.glotip.releases` (the releases a notebook reads and its
set-up call) and :mod:`~tipfigs.glotip.release_checks` (claims checked on every release). This
file imports none of them: importing one module does not pull in the others.
"""
