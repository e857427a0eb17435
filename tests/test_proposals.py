"""The common proposals: golden facts checked against their sources, the queries against
plain scans of the tables, every invariant shown to fire, and the errors a user meets."""

from __future__ import annotations

import io
import pickle
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import natoeu_milstaff as nm
from _support import P
from natoeu_milstaff._cli import main
from strategies import rich_datasets

BUNDLED = nm.Dataset.bundled()


# -- golden facts, each checked against the source it cites -----------------------------


def test_the_sets_hold_what_the_official_texts_say() -> None:
    sets = {s.id: s for s in nm.proposal_sets()}
    assert [(s.id, str(s.date), s.count) for s in sets.values()] == [
        ("2016", "2016-12-06", 42),  # EEAS, 6 Dec 2016: "a set of 42 concrete proposals"
        ("2017", "2017-12-05", 32),  # EDA, 11 Jun 2018: "32 new actions were added on 5 December 2017"
    ]
    assert nm.joint_declarations()[0].proposal_sets == tuple(sets.values())
    assert nm.joint_declarations()[0].proposals == 74
    # The conflicting counts, each with the source that gives it.
    assert [(c.field, c.value, [s.id for s in c.sources]) for c in sets["2017"].conflicts] == [
        ("count", "31", ["eda-2017-12-05-new-proposals"])
    ]
    assert [(c.value, [s.id for s in c.sources]) for c in sets["2016"].conflicts] == [
        ("over 40", ["nato-news-138842"])
    ]


def test_the_record_lists_only_what_its_sources_show_and_says_so() -> None:
    listed = {s.id: len(nm.proposals(set=s)) for s in nm.proposal_sets()}
    assert listed == {"2016": 11, "2017": 8}
    for s in nm.proposal_sets():
        assert s.incomplete is not None and len(s.incomplete) > 40
    coverage = nm.coverage()
    assert [(s.id, n) for s, n in coverage.partial_proposal_sets] == [("2016", 11), ("2017", 8)]
    assert any("full texts of the two sets" in search.subject for search in coverage.searched)


def test_the_2017_items_keep_their_places_in_nato_s_text() -> None:
    # NATO Press Release (2017) 174, read as far as the stored copy goes.
    found = [p for p in nm.proposals(set=2017) if p.number is not None]
    assert [(p.id, p.number, p.area.id) for p in found] == [
        ("2017-01", 1, "hybrid-situational-awareness"),
        ("2017-02", 2, "hybrid-situational-awareness"),
        ("2017-03", 3, "hybrid-situational-awareness"),
        ("2017-04", 4, "hybrid-situational-awareness"),
        ("2017-05", 5, "hybrid-strategic-communication"),
        ("2017-06", 6, "hybrid-resilience"),
        ("2017-07", 7, "hybrid-resilience"),
    ]
    assert all([s.id for s in p.sources] == ["nato-official-texts-149522"] for p in found)
    # "Report to respective Councils by June 2018"; "Map and analyse, by 2018, gender indicators"
    assert {p.id: str(p.deadline) for p in found if p.deadline} == {"2017-03": "2018-06", "2017-04": "2018"}
    # One more item, its place unknown, comes after those: Europa Press, 5 Dec 2017, from
    # the joint document (partner support: Iraq, Libya, the Balkans).
    last = nm.proposals(set=2017)[-1]
    assert (last.id, last.number, last.area.id) == ("2017-ct-partner-support", None, "counter-terrorism")
    assert "europapress-2017-12-05-otan-ue-terrorismo" in [s.id for s in last.sources]


@pytest.mark.parametrize(
    ("pid", "area", "deadline", "source"),
    [
        # The statement of 6 Dec 2016, as quoted: measures by May 2017 for the fusion cells.
        (
            "2016-fusion-cell",
            "hybrid-situational-awareness",
            "2017-05",
            "eurointegration-2016-12-06-hybrid-centre",
        ),
        # CCD COE: "Training courses will be open for staff members from both organisations".
        ("2016-cyber-training", "cyber", None, "ccdcoe-eu-nato-hand-in-hand"),
        # EU factsheet, June 2017: Sophia and Sea Guardian, information sharing and logistics.
        ("2016-sophia-sea-guardian", "operational-cooperation", None, "government-world-eu-nato-factsheet"),
        # Finland's foreign minister, 11 Apr 2017: the EU and NATO encouraged taking part.
        ("2016-hybrid-coe", "hybrid-threats", None, "um-fi-2017-04-11-soini-hybrid-coe-speech"),
        # NATO ACT, Nov 2017, of the 42 measures: "On cyber, ... mutual participation in exercises".
        ("2016-cyber-exercises", "cyber", None, "act-2017-11-01-ep-subcommittee-visit"),
    ],
)
def test_2016_proposals_against_their_sources(pid: str, area: str, deadline: str | None, source: str) -> None:
    p = nm.proposal(pid)
    assert (p.set.id, p.number, p.area.id) == ("2016", None, area)
    assert (str(p.deadline) if p.deadline else None) == deadline
    assert source in [s.id for s in p.sources]


def test_the_areas_as_the_texts_group_them() -> None:
    top = [a.id for a in nm.proposal_areas() if a.parent is None]
    assert top == [
        "hybrid-threats",
        "operational-cooperation",
        "cyber",
        "defence-capabilities",
        "defence-industry-research",
        "exercises",
        "capacity-building",
        "military-mobility",
        "counter-terrorism",
        "women-peace-security",
        "political-dialogue",
    ]
    parts = [a.id for a in nm.proposal_areas() if a.parent is not None]
    assert parts == [
        "hybrid-situational-awareness",
        "hybrid-strategic-communication",
        "hybrid-crisis-response",
        "hybrid-resilience",
    ]
    assert all(a.parent is nm.proposal_area("hybrid-threats") for a in nm.proposal_areas() if a.parent)
    assert {a.id for a in nm.coverage().undiscussed_areas} == {
        "defence-industry-research",
        "political-dialogue",
    }


def test_progress_reports_say_which_sets_and_period_they_cover() -> None:
    reports = {r.number: r for r in nm.progress_reports()}
    assert [s.id for s in reports[1].proposal_sets] == ["2016"]
    assert [s.id for s in reports[5].proposal_sets] == ["2016", "2017"]
    assert reports[4].proposal_sets == ()  # no source read says which sets the fourth covers
    # EDA, 11 Jun 2018: "covers the period January-June 2018".
    assert (str(reports[3].period_start), str(reports[3].period_end)) == ("2018-01", "2018-06")
    # The Council, 16 Jun 2023: progress "between June 2022 and May 2023".
    assert (str(reports[8].period_start), str(reports[8].period_end)) == ("2022-06", "2023-05")
    assert reports[1].period_start is None and reports[4].period_end is None


def test_an_area_and_its_topic_meet_the_same_conferences() -> None:
    area = nm.proposal_area("military mobility")
    assert nm.meetings_about(area) == nm.meetings_about("military-mobility")
    assert [c.id for c in nm.meetings_about(area)] == [
        "conf-2018-06-19",
        "conf-2018-11-26",
        "conf-2019-11-25",
        "conf-2020-05-19",
        "conf-2021-03-16",
    ]
    # And back: the conference lists the area among those it discussed.
    for c in nm.meetings_about(area):
        assert area in nm.proposal_areas(conference=c)
    # A proposal of the hybrid parts is found by the parent's topic and area.
    assert nm.proposal("2017-06") in nm.proposals(topic="hybrid threats")
    assert nm.proposal("2017-06") in nm.proposals(area="hybrid-threats")
    assert nm.proposal("2017-06") not in nm.proposals(area="hybrid-situational-awareness")


# -- the queries answer as plain scans of the tables --------------------------------------


def _naive_topics(ds: nm.Dataset, p: nm.Proposal) -> set[str]:
    """The ids of a proposal's topics, its areas' topics, and every broader topic."""
    found = {t.id for t in p.topics} | {t.id for a in p.area.path for t in a.topics}
    grew = True
    while grew:
        wider = {b.id for t in ds.topics() if t.id in found for b in t.broader}
        grew = not wider <= found
        found |= wider
    return found


def _naive_meetings(ds: nm.Dataset, area: nm.ProposalArea) -> list[nm.Conference]:
    parts = [a for a in ds.proposal_areas() if area in a.path]
    topics = {t.id for a in parts for t in a.topics}
    wanted = {t.id for t in ds.topics() if topics & {x.id for x in _ancestry(t)}}
    return [c for c in ds.conferences() if any(t.id in wanted for t in c.topics)]


def _ancestry(topic: nm.Topic) -> list[nm.Topic]:
    out, todo = [], [topic]
    while todo:
        t = todo.pop()
        if t not in out:
            out.append(t)
            todo += t.broader
    return out


@given(rich_datasets(), st.data())
def test_proposal_queries_answer_as_a_scan(ds: nm.Dataset, data: st.DataObject) -> None:
    every = ds.proposals()
    assert sorted(p.id for p in every) == sorted(p.id for p in ds.tables.proposals)
    for area in ds.proposal_areas():
        assert set(ds.proposals(area=area)) == {p for p in every if area in p.area.path}
        assert list(ds.meetings_about(area)) == _naive_meetings(ds, area)
    for topic in ds.topics():
        assert set(ds.proposals(topic=topic)) == {p for p in every if topic.id in _naive_topics(ds, p)}
    for s in ds.proposal_sets():
        in_set = ds.proposals(set=s)
        assert set(in_set) == {p for p in every if p.set == s}
        numbers = [p.number for p in in_set if p.number is not None]
        assert numbers == sorted(numbers)  # numbered ones first, in the text's order
    for c in ds.conferences():
        assert set(ds.proposal_areas(conference=c)) == {
            a for a in ds.proposal_areas() if c in _naive_meetings(ds, a)
        }
    if ds.proposal_areas() and ds.topics() and ds.proposal_sets():
        area = data.draw(st.sampled_from(ds.proposal_areas()))
        topic = data.draw(st.sampled_from(ds.topics()))
        chosen = data.draw(st.sampled_from(ds.proposal_sets()))
        both = ds.proposals(area=area.label, topic=topic.id, set=chosen.id)
        assert list(both) == [
            p for p in every if area in p.area.path and topic.id in _naive_topics(ds, p) and p.set == chosen
        ]


def test_results_are_tuples_a_notebook_shows() -> None:
    found = nm.proposals(area="cyber")
    assert isinstance(found, nm.Results) and isinstance(found, tuple)
    html = found._repr_html_()
    assert "2016-cyber-training" in html and "summary" in html
    assert "Cyber security and defence" in nm.proposal_area("cyber")._repr_html_()


def test_records_cannot_be_changed_and_survive_pickling() -> None:
    p = nm.proposal("2017-03")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        p.summary = "other"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(p)) == p
    assert repr(p).startswith(
        "Proposal(id='2017-03', number=3, area=<ProposalArea hybrid-situational-awareness>"
    )


# -- errors ---------------------------------------------------------------------------


def test_unknown_names_get_specific_errors() -> None:
    with pytest.raises(nm.UnknownProposalError) as area:
        nm.proposal_area("cyber securty and defence")
    assert area.value.kind == "proposal area"
    assert area.value.matches == ("Cyber security and defence",)
    with pytest.raises(
        nm.UnknownProposalError, match=r"unknown proposal set '2015'.*\(the sets are 2016, 2017\)"
    ):
        nm.proposals(set="2015")
    with pytest.raises(nm.UnknownProposalError, match="a proposal's id is its set and number"):
        nm.proposal("2017-33")
    with pytest.raises(nm.UnknownTopicError):
        nm.proposals(topic="hybrid threat")
    with pytest.raises(LookupError):  # the family's built-in base
        nm.proposal_area("nowhere")
    assert nm.proposal(" 2016-FUSION-CELL ") is nm.proposal("2016-fusion-cell")
    # An area's name asked for as a topic says where to ask.
    with pytest.raises(
        nm.UnknownTopicError, match=r"an area of the common proposals: ask meetings_about\(proposal_area"
    ):
        nm.meetings_about("hybrid-situational-awareness")
    with pytest.raises(TypeError, match="topic must be a Topic, a ProposalArea or a str, got Proposal"):
        nm.meetings_about(nm.proposal("2017-01"))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: nm.proposals(set=True), "set must be a ProposalSet, a str or an int"),
        (
            lambda: nm.proposals(set=2016.0),  # type: ignore[arg-type]
            "set must be a ProposalSet, a str or an int",
        ),
        (
            lambda: nm.proposal_area(3),  # type: ignore[arg-type]
            "area must be a ProposalArea or a str",
        ),
        (
            lambda: nm.proposal(17),  # type: ignore[arg-type]
            "key must be a Proposal or a str",
        ),
    ],
)
def test_wrong_types_are_refused(call: Any, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        call()


def test_too_long_names_are_refused_before_any_work() -> None:
    with pytest.raises(nm.InvalidValueError, match="proposal area name is too long"):
        nm.proposal_area("x" * 201)
    with pytest.raises(nm.InvalidValueError, match="proposal id is too long"):
        nm.proposal("x" * 201)


def test_records_of_another_dataset_are_refused() -> None:
    area = nm.proposal_area("cyber")
    other = attrs.evolve(area, label="Cyber, relabelled")
    with pytest.raises(nm.UnknownProposalError, match="not this dataset's own"):
        nm.proposals(area=other)
    stray = attrs.evolve(nm.proposal_sets()[0], count=41)
    with pytest.raises(nm.UnknownProposalError, match="not this dataset's own"):
        nm.proposals(set=stray)
    with pytest.raises(nm.UnknownProposalError):
        nm.meetings_about(other)


# -- invariants: each broken one is reported --------------------------------------------


def _swap(ds: nm.Dataset, **tables: Any) -> nm.Dataset:
    fields = {f.name: getattr(ds.tables, f.name) for f in attrs.fields(type(ds.tables))}
    fields.update(tables)
    return nm.Dataset(**fields)


def _with_proposal(ds: nm.Dataset, index: int, **changes: Any) -> nm.Dataset:
    proposals = list(ds.tables.proposals)
    proposals[index] = attrs.evolve(proposals[index], **changes)
    return _swap(ds, proposals=tuple(proposals))


def _with_set(ds: nm.Dataset, set_id: str, **changes: Any) -> nm.Dataset:
    """The dataset with one set changed everywhere it is held."""
    old = next(s for s in ds.tables.proposal_sets if s.id == set_id)
    new = attrs.evolve(old, **changes)

    def fix(items: tuple[nm.ProposalSet, ...]) -> tuple[nm.ProposalSet, ...]:
        return tuple(new if s is old else s for s in items)

    return _swap(
        ds,
        proposal_sets=fix(ds.tables.proposal_sets),
        declarations=tuple(
            attrs.evolve(d, proposal_sets=fix(d.proposal_sets)) for d in ds.tables.declarations
        ),
        progress_reports=tuple(
            attrs.evolve(r, proposal_sets=fix(r.proposal_sets)) for r in ds.tables.progress_reports
        ),
        proposals=tuple(attrs.evolve(p, set=new) if p.set is old else p for p in ds.tables.proposals),
    )


def _index_of(pid: str) -> int:
    return next(i for i, p in enumerate(BUNDLED.tables.proposals) if p.id == pid)


@pytest.mark.parametrize(
    ("broken", "problem"),
    [
        (
            lambda: _with_set(BUNDLED, "2017", incomplete=None),
            "lists 8 of the set's 32 proposals; 'incomplete' must",
        ),
        (lambda: _with_set(BUNDLED, "2017", count=8), "$.proposal_set[1].incomplete: the record lists all 8"),
        (
            lambda: _with_set(BUNDLED, "2017", count=7),
            "lists 8 proposals of the set '2017', more than its count 7",
        ),
        (
            lambda: _with_set(BUNDLED, "2017", date=P("2018-01-05")),
            "'2017' must be the year the set was endorsed",
        ),
        (lambda: _with_set(BUNDLED, "2017", count=0), "a set holds at least one proposal"),
        (
            lambda: _with_proposal(BUNDLED, _index_of("2017-02"), number=1, id="2017-01"),
            "two proposals of the set '2017' have the number 1",
        ),
        (
            lambda: _with_proposal(BUNDLED, _index_of("2017-02"), number=40, id="2017-40"),
            "has the number 40, outside 1 to 32",
        ),
        (
            lambda: _with_proposal(BUNDLED, _index_of("2017-02"), id="2017-09"),
            "must be the set and the number, 2017-02",
        ),
        (
            lambda: _with_proposal(BUNDLED, _index_of("2016-cyber-training"), id="2017-cyber"),
            "must begin with its set's id",
        ),
        (
            lambda: _with_proposal(BUNDLED, _index_of("2016-cyber-training"), id="2016-12"),
            "looks like a place in the text",
        ),
        (
            lambda: _with_proposal(BUNDLED, _index_of("2017-03"), deadline=P("2017-11")),
            "2017-11 is before the set was endorsed (2017-12-05)",
        ),
        (
            lambda: _swap(
                BUNDLED,
                proposal_areas=tuple(
                    attrs.evolve(a, topics=()) if a.id == "political-dialogue" else a
                    for a in BUNDLED.tables.proposal_areas
                ),
            ),
            "an area must map onto at least one topic",
        ),
        (
            lambda: _swap(
                BUNDLED,
                declarations=(
                    BUNDLED.tables.declarations[0],
                    attrs.evolve(
                        BUNDLED.tables.declarations[1],
                        proposal_sets=BUNDLED.tables.declarations[0].proposal_sets,
                    ),
                    BUNDLED.tables.declarations[2],
                ),
            ),
            "2 declarations list the set '2016'; it implements exactly one",
        ),
        (
            lambda: _swap(
                BUNDLED,
                progress_reports=tuple(
                    attrs.evolve(r, date=P("2017-06")) if r.number == 3 else r
                    for r in BUNDLED.tables.progress_reports
                ),
            ),
            "the set '2017' was endorsed after the report (2017-06)",
        ),
        (
            lambda: _swap(
                BUNDLED,
                progress_reports=tuple(
                    attrs.evolve(r, period_start=P("2019")) if r.number == 3 else r
                    for r in BUNDLED.tables.progress_reports
                ),
            ),
            "the period ends (2018-06) before it starts (2019)",
        ),
        (
            lambda: _swap(
                BUNDLED,
                progress_reports=tuple(
                    attrs.evolve(r, period_end=P("2030")) if r.number == 3 else r
                    for r in BUNDLED.tables.progress_reports
                ),
            ),
            "period_end: 2030 is after the report (2018-06)",
        ),
        (
            lambda: _with_proposal(
                BUNDLED, _index_of("2017-03"), topics=(BUNDLED.topic("gender"), BUNDLED.topic("gender"))
            ),
            "the topic 'gender' is listed twice",
        ),
        (
            lambda: _with_proposal(BUNDLED, _index_of("2017-03"), topics=(BUNDLED.topic("hybrid-threats"),)),
            "'hybrid-threats' is already its area's topic",
        ),
    ],
)
def test_each_broken_invariant_is_reported(broken: Any, problem: str) -> None:
    assert BUNDLED.validate() == ()
    problems = broken().validate()
    assert any(problem in p for p in problems), problems


def test_a_dangling_set_or_area_is_reported() -> None:
    stray_set = attrs.evolve(BUNDLED.tables.proposal_sets[0], id="1999")
    stray_area = attrs.evolve(BUNDLED.tables.proposal_areas[0], id="nowhere")
    broken = _with_proposal(BUNDLED, 0, set=stray_set, area=stray_area, id="1999-stray")
    problems = broken.validate()
    assert any("set: proposal set '1999' is not in the dataset" in p for p in problems), problems
    assert any("area: proposal area 'nowhere' is not in the dataset" in p for p in problems), problems


# -- the command line ------------------------------------------------------------------


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_lists_proposals_with_filters() -> None:
    code, out, err = run("proposals", "--set", "2017", "--topic", "terrorism")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "AREA", "DEADLINE", "SUMMARY"]
    assert [line.split()[0] for line in lines[1:]] == [
        "2017-02",
        "2017-03",
        "2017-05",
        "2017-ct-partner-support",
    ]
    assert "2018-06" in lines[2]
    code, out, _ = run("proposals", "--area", "cyber", "--json")
    import json

    rows = json.loads(out)
    assert [r["id"] for r in rows] == [
        "2016-cyber-concepts",
        "2016-cyber-training",
        "2016-cyber-research",
        "2016-cyber-exercises",
    ]
    assert rows[0]["area_id"] == "cyber" and rows[0]["number"] is None


def test_cli_areas_and_meetings_about_an_area() -> None:
    code, out, _ = run("areas")
    assert code == 0
    rows = {line.split()[0]: line.split() for line in out.splitlines()[1:]}
    assert rows["military-mobility"][1:4] == ["-", "0", "5"]
    assert rows["counter-terrorism"][1:4] == ["-", "1", "1"]
    assert rows["hybrid-resilience"][1:4] == ["hybrid-threats", "3", "5"]
    code, out, _ = run("meetings-about", "--area", "Military mobility")
    assert code == 0 and [line.split()[0] for line in out.splitlines()[1:]][:2] == [
        "conf-2018-06-19",
        "conf-2018-11-26",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("proposals", "--set", "2015"), "error: unknown proposal set '2015'"),
        (("proposals", "--area", "cyber defence"), "error: unknown proposal area 'cyber defence'"),
        (("meetings-about",), "error: give a TOPIC or --area AREA"),
        (("meetings-about", "cyber", "--area", "cyber"), "error: give a TOPIC or --area AREA"),
        (
            ("meetings-about", "situational awareness"),
            "error: unknown topic 'situational awareness'; 'Situational awareness' is an area of the common "
            "proposals: ask with --area: python -m natoeu_milstaff meetings-about --area 'situational awareness'",
        ),
    ],
)
def test_cli_errors_are_one_line(argv: tuple[str, ...], message: str) -> None:
    code, out, err = run(*argv)
    assert code == 2 and out == ""
    assert err.startswith(message) and err.count("\n") == 1


def test_cli_an_empty_listing_says_so_on_stderr() -> None:
    code, out, err = run("proposals", "--area", "military mobility")
    assert (code, out.splitlines()[1:]) == (0, [])
    assert err == "no proposal in the record matches --area 'military mobility'\n"


def test_an_area_may_come_before_its_parent_in_a_data_directory(tmp_path: Any) -> None:
    """The loaders build parents first, as for topics; a cycle of parents is reported."""
    BUNDLED.dump(tmp_path)
    path = tmp_path / "proposal_areas.toml"
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition("[[area]]")
    blocks = ["[[area]]" + b for b in rest.split("[[area]]")]
    path.write_text(head + "".join(reversed(blocks)) + "\n", encoding="utf-8")
    loaded = nm.Dataset.load(tmp_path)
    assert loaded.proposal_area("hybrid-resilience").parent is loaded.proposal_area("hybrid-threats")
    assert {a.id for a in loaded.proposal_areas()} == {a.id for a in nm.proposal_areas()}
    cyclic = path.read_text(encoding="utf-8").replace(
        'id = "hybrid-threats"\nlabel', 'id = "hybrid-threats"\nparent = "hybrid-resilience"\nlabel'
    )
    path.write_text(cyclic, encoding="utf-8")
    with pytest.raises(nm.DataError, match="part of a cycle of parent areas"):
        nm.Dataset.load(tmp_path)


def test_an_old_data_directory_with_nested_sets_is_told_where_sets_live(tmp_path: Any) -> None:
    BUNDLED.dump(tmp_path)
    path = tmp_path / "declarations.toml"
    text = (
        path.read_text(encoding="utf-8").replace('proposal_sets = ["2016", "2017"]\n', "")
        + '\n[[declaration.proposal_sets]]\ndate = "2016-12-06"\ncount = 42\nsources = ["eeas-2016-12-06-new-era"]\n'
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(nm.DataError, match=r"proposal_set records are kept in proposal_sets\.toml"):
        nm.Dataset.load(tmp_path)
