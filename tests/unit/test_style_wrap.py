"""tipfigs.style.wrap: text wrapped to the printed width of a figure, every word kept, the
lines of a headline balanced."""

from __future__ import annotations

from tipfigs import style

TEXT = ("Identified adults flagged as in forced labour in CTDC's records; shares are of those "
        "with a sector recorded (a victim can have several). * a sector the article names.\n"
        "2021 release: n = 14,495; sector not recorded for 69%")


def test_wrap_fits_the_width_and_keeps_every_word():
    style.use()
    wrapped = style.wrap(TEXT, width=4.0)
    assert all(style.text_width(line, 8.5) <= 4.0 for line in wrapped.split("\n"))
    assert wrapped.split() == TEXT.split()
    assert len(wrapped.split("\n")) > 3
    assert "2021 release: n = 14,495; sector not recorded for 69%" in wrapped.split("\n")
    # a non-breaking space keeps its words on one line
    lines = style.wrap("x " * 40 + "(k\u00a0=\u00a010)", width=1.0).split("\n")
    assert lines[-1].endswith(" (k\u00a0=\u00a010)") and len(lines) > 2
    assert style.text_width("abc abc", 11, "bold") > style.text_width("abc abc", 8.5)


def test_balanced_wrap_leaves_no_orphan_and_no_extra_line():
    style.use()
    title = "Men and boys: more excessive working hours; women and girls: more sexual abuse"
    width = style.text_width(title, 11, "bold") * 0.97  # just too narrow: one word would drop
    greedy = style.wrap(title, width, 11, "bold").split("\n")
    balanced = style.wrap(title, width, 11, "bold", balance=True).split("\n")
    assert greedy[-1] == "abuse" and len(greedy) == len(balanced) == 2
    lengths = [style.text_width(x, 11, "bold") for x in balanced]
    assert max(lengths) <= width and min(lengths) > 0.6 * max(lengths)
