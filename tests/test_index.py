"""The index: each family is built only when a query needs it, once, even under threads,
and each answers as a plain scan of the tables would. (The queries built on it are
checked against naive scans in ``test_dataset.py``.)"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import natoeu_milstaff as nm
from _support import SRC, P, dataset_of, official_named
from natoeu_milstaff import _index
from natoeu_milstaff._index import Index, fold
from natoeu_milstaff._model import chronological
from strategies import AS_OF, POSTS, datasets

BUNDLED = nm.Dataset.bundled()
FAMILIES = ("posts", "officials", "topics", "chronology", "filters", "about", "tenures", "appointments")


def built(index: Index) -> set[str]:
    return {name for name in FAMILIES if name in vars(index)}


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Hervé Bléjean", "herve blejean"),
        ("  BLÉJEAN\t", "blejean"),
        ("Remigijus Baltrėnas", "remigijus baltrenas"),
        ("Straße", "strasse"),  # casefold, not lower
        ("ﬁnance", "finance"),  # compatibility forms decomposed (NFKD)
        ("a  b", "a b"),
    ],
)
def test_fold_ignores_case_accents_and_spacing(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_a_new_index_builds_nothing_until_asked() -> None:
    index = Index(BUNDLED.tables)
    assert built(index) == set()
    index.officials.find("Hans-Werner Wiermann")
    assert built(index) == {"officials"}


@pytest.mark.parametrize(
    ("family", "needs"),
    [
        ("posts", {"posts"}),
        ("about", {"topics", "chronology", "about"}),
        ("filters", {"chronology", "filters"}),
        ("tenures", {"posts", "tenures"}),
        ("appointments", {"posts", "tenures", "appointments"}),
    ],
)
def test_a_family_builds_only_what_it_uses(family: str, needs: set[str]) -> None:
    index = Index(BUNDLED.tables)
    first = getattr(index, family)
    assert built(index) == needs
    assert getattr(index, family) is first  # built once, then read


def test_each_query_builds_only_its_own_families() -> None:
    ds = nm.Dataset(**{a.name: getattr(BUNDLED.tables, a.name) for a in attrs.fields(type(BUNDLED.tables))})
    ds.official("Hans-Werner Wiermann")
    assert built(ds._index) == {"officials"}
    ds.who_held("DGIMS", "2020-05-19")
    assert built(ds._index) == {"officials", "posts", "tenures"}
    ds.meetings_about("cyber")
    assert "filters" not in built(ds._index)


def test_concurrent_first_use_builds_a_family_once(monkeypatch: pytest.MonkeyPatch) -> None:
    builds: list[int] = []
    real = _index.Chronology.__init__

    def counting(self: Any, conferences: Any) -> None:
        builds.append(1)
        real(self, conferences)

    monkeypatch.setattr(_index.Chronology, "__init__", counting)
    index = Index(BUNDLED.tables)
    barrier = threading.Barrier(12)
    seen: list[object] = []

    def work() -> None:
        barrier.wait()
        seen.append(index.about)
        seen.append(index.chronology)

    threads = [threading.Thread(target=work) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(builds) == 1
    assert len({id(x) for x in seen}) == 2  # one about map, one chronology


def test_names_find_every_name_exactly_and_folded() -> None:
    names = Index(BUNDLED.tables).officials
    for official in BUNDLED.tables.officials:
        for name in official.names:
            assert names.find(name) is official
            assert names.find(f"  {name.upper()} ") is official
    assert names.find("nobody at all") is None
    assert names.shown["Hans-Werner Wierman"] == "Hans-Werner Wiermann"


@pytest.mark.parametrize(
    "spelling", ["hERVÉ blejean", "Herve Bléjean", "HERVÉ  BLÉJEAN", "herve\tblejean", "Hervé Bléjean "]
)
def test_mixed_case_and_mixed_accent_spellings_find_one_official(spelling: str) -> None:
    assert Index(BUNDLED.tables).officials.find(spelling) is BUNDLED.official("Hervé Bléjean")
    assert BUNDLED.official(spelling).id == "herve-blejean"


def test_an_official_from_another_dataset_is_named_as_such() -> None:
    mine = BUNDLED.official("Hervé Bléjean")
    with pytest.raises(nm.UnknownOfficialError, match="not this dataset's own"):
        BUNDLED.official(attrs.evolve(mine, nationality="BE"))
    with pytest.raises(nm.UnknownOfficialError, match="not in this dataset"):
        BUNDLED.official(attrs.evolve(mine, id="someone-else"))
    assert BUNDLED.official(attrs.evolve(mine)) == mine  # an equal copy is the official


def test_names_hold_a_record_only_if_it_is_equal_to_the_dataset_s_own() -> None:
    names = Index(BUNDLED.tables).posts
    dgims = BUNDLED.post("DGIMS")
    assert names.holds(dgims)
    assert names.holds(attrs.evolve(dgims))  # an equal copy is the same post
    assert not names.holds(attrs.evolve(dgims, title="Another title"))
    assert not names.holds(attrs.evolve(dgims, code="NEW"))


def test_the_first_record_wins_a_name_two_records_share() -> None:
    src = nm.Source(id="s", url="https://example.org", title="t", publisher="p", kind=nm.SourceKind.NEWS)
    first = nm.Official(id="a-smith", name="Anna Smith", aliases=("Smith",), sources=(src,))
    second = nm.Official(id="b-smith", name="Bob Smith", aliases=("SMITH",), sources=(src,))
    names = _index.Names([first, second], lambda o: o.name)
    assert names.find("Smith") is first  # exact spelling, first record
    assert names.find("SMITH") is second  # exact spelling of the second's alias
    assert names.find("smith") is first  # folded: the first record to claim it


@given(st.one_of(st.just(BUNDLED), datasets()), st.data())
def test_chronology_and_filters_equal_a_scan(ds: nm.Dataset, data: st.DataObject) -> None:
    index = Index(ds.tables)
    chronology = index.chronology
    ordered = tuple(chronological(ds.tables.conferences))
    assert chronology.ordered == ordered
    assert chronology.ids == tuple(c.id for c in ordered)
    start = data.draw(st.dates(dt.date(1999, 1, 1), dt.date(2031, 1, 1)))
    end = start + dt.timedelta(days=data.draw(st.integers(0, 800)))
    expected = tuple(
        c for c in ordered if c.date.earliest() <= end and (c.end_date or c.date).latest() >= start
    )
    assert chronology.between(start, end) == expected
    for c in ordered:  # every conference is found on its own first and last day, and not after
        first, last = c.date.earliest(), (c.end_date or c.date).latest()
        after = last + dt.timedelta(days=1)
        assert c in chronology.between(first, first)
        assert c in chronology.between(last, last)
        assert c not in chronology.between(after, after)
    filters = index.filters
    for year, found in filters.by_year.items():
        assert found == tuple(c for c in ordered if c.date.earliest().year <= year <= c.date.latest().year)
    for host, found in filters.by_host.items():
        assert found == tuple(c for c in ordered if c.host is host)
    for official_id, found in filters.by_chair.items():
        assert found == tuple(c for c in ordered if any(ch.official.id == official_id for ch in c.co_chairs))
    assert sum(map(len, filters.by_host.values())) == sum(c.host is not None for c in ordered)


def test_between_reaches_back_over_long_conferences() -> None:
    src = nm.Source(id="s", url="https://example.org", title="t", publisher="p", kind=nm.SourceKind.NEWS)
    long = nm.Conference(
        id="long",
        date=nm.PartialDate.parse("2020-01"),
        end_date=nm.PartialDate.parse("2020-12"),
        evidence=nm.Evidence.REPORTED,
        sources=(src,),
    )
    short = nm.Conference(
        id="short", date=nm.PartialDate.parse("2020-03-01"), evidence=nm.Evidence.REPORTED, sources=(src,)
    )
    chronology = _index.Chronology([long, short])
    assert chronology.between(dt.date(2020, 11, 30), dt.date(2020, 11, 30)) == (long,)
    assert chronology.between(dt.date(2020, 3, 1), dt.date(2020, 3, 1)) == (long, short)
    assert chronology.between(dt.date(2021, 1, 1), dt.date(2021, 1, 1)) == ()


def test_about_is_keyed_by_every_name_and_the_topic_itself() -> None:
    about = Index(BUNDLED.tables).about
    for topic in BUNDLED.tables.topics:
        answer = about[topic]
        for name in topic.names:
            assert about[name] is answer
            assert about[fold(name)] is answer


def test_tenures_answer_for_every_name_of_a_post_and_raise_when_ambiguous() -> None:
    tenures = Index(BUNDLED.tables).tenures
    dgims = BUNDLED.post("DGIMS")
    for name in dgims.names:
        assert tenures[name] is tenures[dgims]
    wiermann = tenures[dgims].official_on(dt.date(2020, 5, 19))
    assert wiermann is not None
    assert wiermann.name == "Hans-Werner Wiermann"
    assert tenures[dgims].official_on(dt.date(1900, 1, 1)) is None
    with pytest.raises(nm.AmbiguousDateError, match="Jürgen Bornemann or Christopher Harper") as caught:
        tenures[dgims].official_on(dt.date(2013, 7, 10))
    assert caught.value.candidates == ("Jürgen Bornemann", "Christopher Harper")


def test_appointments_are_grouped_by_post_in_order_of_first_appearance() -> None:
    appointments = Index(BUNDLED.tables).appointments
    assert sorted(appointments, key=id) == sorted(BUNDLED.tables.appointments, key=id)
    posts = list(dict.fromkeys(a.post.code for a in BUNDLED.tables.appointments))
    assert list(dict.fromkeys(a.post.code for a in appointments)) == posts
    for code in posts:
        assert tuple(a for a in appointments if a.post.code == code) == BUNDLED.holders(code)


# -- tenures: the edges of possible and certain windows ---------------------------------


def _held(official: str, start: str, end: str) -> nm.Appointment:
    return nm.Appointment(
        official=official_named(official), post=POSTS[0], start=P(start), end=P(end), sources=(SRC,)
    )


def _who(ds: nm.Dataset, day: str) -> str | None:
    found = ds.who_held("DGN", day)
    return None if found is None else found.id


def test_a_tenure_ends_the_day_before_its_end() -> None:
    ds = dataset_of(_held("alone", "2020-01-01", "2020-06-01"))
    assert _who(ds, "2020-05-31") == "alone"
    assert _who(ds, "2020-06-01") is None  # half-open: the end day is not covered
    assert _who(ds, "2019-12-31") is None
    coarse = dataset_of(_held("alone", "2020-01-01", "2020-06"))  # the end is some day in June
    assert _who(coarse, "2020-06-29") == "alone"  # the only one who may still hold it
    assert _who(coarse, "2020-06-30") is None  # an end on the 30th leaves the 30th uncovered


def test_a_day_precise_start_settles_a_coarse_handover_from_its_first_day() -> None:
    ds = dataset_of(_held("before", "2018-01-01", "2020-06"), _held("after", "2020-06-15", "2022-01-01"))
    assert ds.validate() == ()
    assert _who(ds, "2020-06-14") == "before"  # only the first may hold it
    assert _who(ds, "2020-06-15") == "after"  # both may; only the second surely does
    assert ds.appointment("DGN", "2020-06-15") == ds.tables.appointments[1]


def test_a_coarse_end_still_answers_after_a_later_shorter_tenure_has_ended() -> None:
    # The long tenure may last to the end of 2022; the short one within it surely ends
    # by June. In September only the long one may still be running.
    ds = dataset_of(
        _held("early", "2010-01-01", "2011-01-01"),
        _held("long", "2015-01-01", "2022"),
        _held("short", "2022-03", "2022-06"),
    )
    assert _who(ds, "2022-09-01") == "long"
    assert _who(ds, "2023-01-01") is None


def test_a_conference_object_is_accepted_only_if_it_is_the_dataset_s_own() -> None:
    mine = BUNDLED.conference(17)
    assert BUNDLED.conference(mine) is mine
    assert BUNDLED.conference(attrs.evolve(mine)) == mine  # an equal copy is the conference
    with pytest.raises(nm.UnknownConferenceError, match="not this dataset's own"):
        BUNDLED.conference(attrs.evolve(mine, venue="Elsewhere"))
    with pytest.raises(nm.UnknownConferenceError, match="not in this dataset"):
        BUNDLED.conference(attrs.evolve(mine, id="1999-01-01"))


@given(datasets())
def test_surnames_find_one_official_or_name_every_official_who_has_them(ds: nm.Dataset) -> None:
    # A plain scan: every last word or words of every name and alias, and who has them.
    owners: dict[str, list[nm.Official]] = {}
    for o in ds.tables.officials:
        for name in o.names[1:]:
            words = fold(name).split()
            for i in range(1, len(words)):
                found = owners.setdefault(" ".join(words[i:]), [])
                if o not in found:
                    found.append(o)
    for surname, found in owners.items():
        named = [o for o in ds.tables.officials if surname in {fold(n) for n in o.names}]
        if named and all(o in named for o in found):  # the same person's own name
            assert surname in {fold(n) for n in ds.official(surname).names}
        elif named:  # one official's name or alias, another's surname: ambiguous
            with pytest.raises(nm.AmbiguousNameError):
                ds.official(surname)
        elif len(found) == 1:
            assert ds.official(surname) is found[0]
            assert ds.official(surname.upper()) is found[0]
        else:
            with pytest.raises(nm.AmbiguousNameError) as info:
                ds.official(surname)
            assert info.value.candidates == tuple(o.name for o in found)


def test_a_shared_surname_names_both_officials() -> None:
    src = nm.Source(id="s", url="https://example.org", title="t", publisher="p", kind=nm.SourceKind.NEWS)
    anna = nm.Official(id="a-smith", name="Anna Smith", sources=(src,))
    bob = nm.Official(id="b-smith", name="Bob Smith", sources=(src,))
    ds = nm.Dataset(
        info=nm.DatasetInfo(version="t", as_of=dt.date(2020, 1, 1)), sources=(src,), officials=(anna, bob)
    )
    with pytest.raises(
        nm.AmbiguousNameError, match=r"'smith' is the surname of 2 officials: Anna Smith, Bob Smith"
    ):
        ds.official("smith")
    with pytest.raises(LookupError):  # also a LookupError, like the unknown-name errors
        ds.conferences(chaired_by="Smith")
    assert ds.official("anna smith") is anna


def test_a_name_that_is_another_official_s_surname_is_ambiguous() -> None:
    src = nm.Source(id="s", url="https://example.org", title="t", publisher="p", kind=nm.SourceKind.NEWS)
    folmer = nm.Official(id="jan-folmer", name="Jan Folmer", sources=(src,))
    schmidt = nm.Official(id="karl-schmidt", name="Karl Schmidt", aliases=("Folmer",), sources=(src,))
    ds = nm.Dataset(
        info=nm.DatasetInfo(version="t", as_of=dt.date(2020, 1, 1)),
        sources=(src,),
        officials=(folmer, schmidt),
    )
    with pytest.raises(nm.AmbiguousNameError) as info:
        ds.official("Folmer")
    assert set(info.value.candidates) == {"Jan Folmer", "Karl Schmidt"}
    assert ds.official("jan-folmer") is folmer  # an id is never ambiguous
    assert ds.official("Jan Folmer") is folmer


def test_a_month_or_year_with_a_handover_names_every_tenure_in_it() -> None:
    first, second = official_named("first"), official_named("second")
    post = POSTS[0]
    ds = dataset_of(
        nm.Appointment(official=first, post=post, start=P("2018-01-01"), end=P("2020-03-01"), sources=(SRC,)),
        nm.Appointment(official=second, post=post, start=P("2020-03-01"), end=P("2020-09"), sources=(SRC,)),
        nm.Appointment(official=first, post=post, start=P("2020-10-01"), in_office=True, sources=(SRC,)),
    )
    assert ds.validate() == ()
    assert ds.who_held("DGN", "2019") is first
    assert ds.who_held("DGN", "2020-06") is second
    with pytest.raises(nm.AmbiguousDateError) as info:
        ds.who_held("DGN", "2020")
    assert str(info.value) == (
        "2 officials may have held DGN during 2020: First (2018-01-01 to 2020-03-01); "
        f"Second (2020-03-01 to 2020-09); First (2020-10-01 to in office as of {AS_OF}); "
        "ask about one day, or list them with holders('DGN', during='2020')"
    )
    assert info.value.candidates == ("First", "Second")


def test_one_official_s_two_tenures_in_a_year_are_one_holder_but_two_appointments() -> None:
    alone = official_named("alone")
    post = POSTS[0]
    ds = dataset_of(
        nm.Appointment(official=alone, post=post, start=P("2018-01-01"), end=P("2018-06-01"), sources=(SRC,)),
        nm.Appointment(official=alone, post=post, start=P("2018-09-01"), end=P("2019-01-01"), sources=(SRC,)),
    )
    assert ds.validate() == ()
    assert ds.who_held("DGN", "2018") is alone
    assert ds.who_held("DGN", "2018-07") is None  # the vacancy between them
    with pytest.raises(nm.AmbiguousDateError) as info:
        ds.appointment("DGN", "2018")
    assert str(info.value) == (
        "2 tenures of Alone may have held DGN during 2018: Alone (2018-01-01 to 2018-06-01); "
        "Alone (2018-09-01 to 2019-01-01); ask about one day, or list them with holders('DGN', during='2018')"
    )
    assert ds.appointment("DGN", "2018-10") == ds.tables.appointments[1]
