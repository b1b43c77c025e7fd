"""Counter-Trafficking Data Collaborative (CTDC) victim-level data, one module per concern:

- :mod:`~tipfigs.ctdc.schema`: the releases, their files and their one tidy schema;
- :mod:`~tipfigs.ctdc.read`: reading a file of a release into the tidy schema (and its cache);
- :mod:`~tipfigs.ctdc.dictionary`: the 2022 release's data dictionary (its frequency tables);
- :mod:`~tipfigs.ctdc.filters`: selecting records by years and country;
- :mod:`~tipfigs.ctdc.shares`: shares of records, thin cells blanked, age parts of a share;
- :mod:`~tipfigs.ctdc.names`: what the figures call each release and how they show it;
- :mod:`~tipfigs.ctdc.setup`: a figure's set-up (parameters, loading, files read, source note).

Import the modules themselves (``from tipfigs.ctdc import schema, filters``): this file imports
none of them, so that a notebook depends only on the modules it uses. A figure's own analysis
and sentences are in :mod:`tipfigs.figures`.
"""
