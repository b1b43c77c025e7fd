"""Each figure's own analysis and sentences: one module per notebook, imported by that notebook only, so that editing one figure's words rebuilds only that figure."""
