"""Findings at a glance (tipfigs.tools.glance): the one mapping of verdicts to words, the
readings' short names, and one rule per kind of reading for the sentence of why."""

from __future__ import annotations

from builders.project import claim

from tipfigs.claims import STATUSES
from tipfigs.tools import glance
from tipfigs.tools.project import Statement


def test_every_verdict_has_its_words_in_the_one_mapping():
    assert set(glance.WORDS) == set(STATUSES)
    assert glance.word("reproduced") == "holds"
    assert glance.word("differs") == "does not hold"
    assert {glance.word("mixed"), glance.word("depends-on-choices")} == {
        "depends on the data set", "depends on the choice"}
    assert glance.word("transcribed") == "stated by the report, not checked here"
    assert glance.word("not-reproducible") == "cannot be checked here"
    assert glance.word("consistent") == "consistent, not tested directly"


def test_readings_are_named_by_what_tells_them_apart():
    assert glance.reading_labels(["male-share-long-run-rise", "male-share-recent-rise"]) == {
        "male-share-long-run-rise": "long run rise", "male-share-recent-rise": "recent rise"}
    assert glance.reading_labels(["a-b", "c-d"]) == {"a-b": "a b", "c-d": "c d"}
    assert glance.reading_labels(["only-one"]) == {"only-one": "only one"}


def test_a_statement_shows_each_reading_s_word_where_they_differ_many_counted():
    assert glance.words_line([("a-x", "reproduced"), ("a-y", "reproduced")]) == "**holds**"
    assert glance.words_line([("a-x", "not-reproducible"), ("a-y", "differs")]) == (
        "**does not hold** (y); **cannot be checked here** (x)")
    many = [(f"p-{i}", "differs") for i in range(5)] + [("p-z", "transcribed")]
    assert glance.words_line(many) == ("**does not hold** (5 readings); "
                                       "**stated by the report, not checked here** (z)")


class _Project:
    def __init__(self, statements, claims):
        self.statements, self.claims = statements, claims


def _why(records: list[dict], ids=None) -> str:
    ids = ids or list(dict.fromkeys(r["id"] for r in records))
    claims: dict[str, list[dict]] = {}
    for r in records:
        claims.setdefault(r["id"], []).append(r)
    return glance.why(Statement("s1", "1", "A statement.", ids), _Project([], claims), {})


def test_a_transcription_names_its_report_and_the_page_it_was_read_from():
    r = claim("count", "transcribed", "fig", 15.1, 15.1)
    r["source"] = ("GEMS 2022, Table 2, p. 18; stated by A news page (https://www.news.example/"
                   "a-page, 2022-09) (fl_2021)")
    assert _why([r]) == ("Stated by GEMS 2022, transcribed through news.example: 15.1 million "
                         "people; nothing here computes it.")


def test_indirect_evidence_says_what_stands_in_and_where_it_points():
    a = claim("v-poverty", "consistent", "fig", "positive association",
              "rho = 0.20 (95% CI 0.04 to 0.35), n = 159", data="Index, 2023")
    b = claim("v-marginalisation", "consistent", "fig", "positive association",
              "rho = 0.55 (95% CI 0.43 to 0.65), n = 159", data="Index, 2023")
    assert _why([a, b]) == ("On Index, 2023, an association between countries stands in for the "
                            "statement: poverty rho = 0.20 and marginalisation rho = 0.55, "
                            "pointing the same way.")
    c = claim("sum", "consistent", "fig", 49.6, 49.63, data="Index, 2023")
    c["evidence"] = "construction"
    assert _why([c]).startswith("On Index, 2023, it holds by construction")


def test_nothing_to_check_with_gives_the_note_s_first_sentence_or_the_context_beside_it():
    r = claim("x", "not-reproducible", "fig", note="Not reproducible: no data on it are public; "
                                                  "a second clause. And more.")
    assert _why([r]) == "Nothing here can check it: no data on it are public."
    ctx = claim("y", "context", "fig", "fewer", 0.221, data="Other data, 2023", era="article")
    ctx["unit"] = "persons convicted per detected victim"
    assert _why([ctx]) == ("Nothing here can check it as worded; as context only, Other data, "
                           "2023 (0.22), in persons convicted per detected victim.")
    assert _why([], ids=["never-recorded"]) == "No notebook checks it yet."


def test_a_tested_statement_gives_what_was_found_on_each_data_set_against_the_reading():
    a = claim("most", "reproduced", "fig", "most (over 50%)", 85.2, data="Register, 2021",
              era="article")
    b = claim("most", "reproduced", "fig", "most (over 50%)", 55.6, data="Register, 2022",
              era="article")
    for r in (a, b):
        r["unit"], r["tolerance"] = "per cent women and girls", None
    assert _why([a, b]) == ("Per cent women and girls: 85.2 on Register, 2021 and 55.6 on "
                            "Register, 2022; the reading asks most (over 50%).")
