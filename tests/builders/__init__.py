"""Builders of test data, one module per kind, imported by name (``from builders.ctdc import
write_release``; pytest puts tests/ on the path): notebooks (and a real notebook's code run in
this process), xlsx workbooks, GLOTIP rows and workbooks, CTDC files, fake projects, the files
of a publication figure (publication)."""
