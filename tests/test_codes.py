"""The checks of codes: a nationality (ISO 3166-1 alpha-2), a source's language (BCP 47)
and its URLs (absolute http or https); the code lists against pycountry's."""

from __future__ import annotations

import itertools
import re
import string
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import natoeu_milstaff as nm
from _support import SRC, copy_bundled_data, load_problems, position, replace_text
from natoeu_milstaff._codes import COUNTRIES, LANGUAGES, language_problem, url_problem
from strategies import language_tags, urls

if TYPE_CHECKING:
    from pathlib import Path

loose: Any = nm  # to pass what the annotations do not allow


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return copy_bundled_data(tmp_path)


def _official(nationality: object) -> nm.Official:
    official: nm.Official = loose.Official(id="o", name="O", nationality=nationality, sources=(SRC,))
    return official


def _refusal(make: Any) -> str:
    with pytest.raises(nm.InvalidValueError) as info:
        make()
    return str(info.value)


# -- the lists ----------------------------------------------------------------------------


def test_the_country_list_is_pycountrys() -> None:
    pycountry = pytest.importorskip("pycountry")
    assert len(COUNTRIES) == 249
    assert {c.alpha_2 for c in pycountry.countries} == COUNTRIES


def test_the_language_list_is_pycountrys_two_letter_codes() -> None:
    pycountry = pytest.importorskip("pycountry")
    assert {lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")} == LANGUAGES


def test_pycountry_is_no_dependency_of_the_package() -> None:
    from importlib import metadata

    requires = metadata.requires("natoeu_milstaff") or []
    assert not [r for r in requires if r.lower().startswith("pycountry")]


# -- nationality --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "detail"),
    [
        ("XX", "got 'XX': it is not an assigned code"),
        ("Britain", "got 'Britain'"),
        ("gb", "got 'gb': codes are written in capitals; did you mean 'GB'?"),
        ("Gb", "did you mean 'GB'?"),
        ("UK", "got 'UK': it is not an assigned code; did you mean 'GB'?"),
        ("EL", "did you mean 'GR'?"),
        ("EU", "got 'EU': it is not an assigned code"),
        ("ZZ", "it is not an assigned code"),
        ("", "got ''"),
        ("FRA", "got 'FRA'"),
        (12, "got 12"),
    ],
)
def test_a_nationality_that_is_no_assigned_code_is_refused(value: object, detail: str) -> None:
    message = _refusal(lambda: _official(value))
    assert message.startswith(
        "nationality must be an ISO 3166-1 alpha-2 code, two capital letters such as 'FR' or 'GB', "
    )
    assert detail in message


def test_every_pair_of_letters_is_accepted_exactly_when_it_is_an_assigned_code() -> None:
    # Lower case is refused too: ISO writes the codes in capitals, and the data keeps one spelling.
    for first, second in itertools.product(string.ascii_letters, repeat=2):
        code = first + second
        if code in COUNTRIES:
            assert _official(code).nationality == code
        else:
            message = _refusal(lambda code=code: _official(code))
            assert repr(code) in message
            assert ("did you mean" in message) == (code.upper() in COUNTRIES or code.upper() in ("UK", "EL"))


@given(st.text(max_size=10).filter(lambda t: t not in COUNTRIES))
def test_any_other_text_is_refused_as_a_nationality(text: str) -> None:
    assert f"got {text!r}" in _refusal(lambda: _official(text))


def test_no_nationality_stays_allowed() -> None:
    assert _official(None).nationality is None


# -- language -----------------------------------------------------------------------------


def _source(**fields: object) -> nm.Source:
    fields = {"id": "s", "url": "https://example.org", "title": "t", "publisher": "p", **fields}
    source: nm.Source = loose.Source(kind=nm.SourceKind.NEWS, **fields)
    return source


@pytest.mark.parametrize(
    "tag",
    ["en", "fr", "en-GB", "zh-Hant-TW", "EN-gb", "de-CH-1901", "sr-Latn-RS", "gsw", "zh-yue-HK", "es-419",
     "sl-rozaj-biske", "en-US-u-ca-gregory", "de-DE-x-old", "en-a-bbb-x-a-b"],
)  # fmt: skip
def test_a_well_formed_language_tag_is_accepted(tag: str) -> None:
    assert _source(language=tag).language == tag


@pytest.mark.parametrize(
    ("tag", "detail"),
    [
        ("French!!", "a tag is ASCII letters, digits and hyphens"),
        ("French", "the primary language subtag 'French' must be two letters or three"),
        ("en-", "it has an empty subtag"),
        ("-en", "it has an empty subtag"),
        ("en--GB", "it has an empty subtag"),
        ("en_GB", "a tag is ASCII letters, digits and hyphens"),
        ("xx", "'xx' is not an ISO 639-1 language code"),
        ("jp", "'jp' is not an ISO 639-1 language code (it is a country code)"),
        ("e", "the primary language subtag 'e' must be two letters or three"),
        ("x-private", "a tag that is only private use (x-...) names no language"),
        ("i-klingon", "the primary language subtag 'i' must be two letters or three"),
        ("en-GB-GB", "the subtag 'GB' is out of place"),
        ("en-Latn-Latn", "the subtag 'Latn' is out of place"),
        ("en-abc-def-ghi-jkl", "the subtag 'jkl' is out of place"),
        ("en-u", "the extension 'u' has no subtags of 2 to 8 characters after it"),
        ("en-u-x-a", "the extension 'u' has no subtags of 2 to 8 characters after it"),
        ("en-x", "the private use part 'x' has no subtags after it"),
        ("en-abcdefghi", "the subtag 'abcdefghi' is longer than 8 characters"),
        ("fr-é", "a tag is ASCII letters, digits and hyphens"),
    ],
)
def test_a_malformed_language_tag_is_refused(tag: str, detail: str) -> None:
    message = _refusal(lambda: _source(language=tag))
    assert message == (
        f"language must be a BCP 47 language tag such as 'en', 'fr' or 'zh-Hant-TW', got {tag!r}: {detail}"
    )


@given(language_tags())
def test_every_tag_built_from_the_grammar_is_accepted(tag: str) -> None:
    assert _source(language=tag).language == tag


# RFC 5646's well-formed syntax (section 2.1), as a regular expression, with the record's
# rule for the primary language subtag: two or three letters.
RFC_5646 = re.compile(
    r"""
    [a-z]{2,3}(?:-[a-z]{3}){0,3}           # language, extended language subtags
    (?:-[a-z]{4})?                          # script
    (?:-(?:[a-z]{2}|[0-9]{3}))?             # region
    (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*  # variants
    (?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*     # extensions
    (?:-x(?:-[a-z0-9]{1,8})+)?              # private use
    """,
    re.VERBOSE | re.IGNORECASE | re.ASCII,
)

# Subtags of every kind and length, valid or not, so that both answers come up often.
subtag = st.from_regex(r"[A-Za-z0-9]{1,9}", fullmatch=True) | st.sampled_from(
    ["", "x", "u", "a", "t", "abc", "Latn", "Hant", "GB", "tw", "419", "1901", "rozaj", "ca", "gregory", "é"]
)
primary = st.sampled_from(["en", "FR", "zh", "gsw", "xx", "jp", "i", "French"]) | subtag


@given(st.tuples(primary, st.lists(subtag, max_size=5)).map(lambda p: "-".join([p[0], *p[1]])))
def test_the_tag_check_agrees_with_the_grammar_of_rfc_5646(tag: str) -> None:
    first = tag.split("-", maxsplit=1)[0].lower()
    expected = bool(RFC_5646.fullmatch(tag)) and (len(first) == 3 or first in LANGUAGES)
    assert (language_problem(tag) is None) == expected


# -- URLs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://www.nato.int/cps/en/natohq/news_188657.htm?selectedLocale=en",
        "http://example.org",
        "https://Example.ORG/",
        "https://example.org:8443/a%20b?q=1&r=(2)#top",
        "https://xn--bcher-kva.example/",
        "https://de.wikipedia.org/wiki/Hans-Werner_Wiermann",
    ],
)
def test_an_absolute_http_url_is_accepted(url: str) -> None:
    assert _source(url=url, repost_of=url).url == url


@pytest.mark.parametrize(
    ("url", "detail"),
    [
        ("not a url at all", "it contains whitespace (' ')"),
        ("ftp://x", "the scheme must be http or https, not 'ftp'"),
        ("HTTPS://example.org/", "write the scheme in lower case: 'https', not 'HTTPS'"),
        ("https://en.wikipedia.org./wiki/X", "the host 'en.wikipedia.org.' ends with a dot"),
        ("https://exa mple.com", "it contains whitespace (' ')"),
        ("example.org/page", "it has no scheme: it must start with http:// or https://"),
        ("javascript:alert(1)", "the scheme must be http or https, not 'javascript'"),
        ("https:example.org", "it has no host after the scheme's //"),
        ("https://", "it has no host after the scheme's //"),
        ("https:///path", "it has no host after the scheme's //"),
        ("https://a..b/", "the host 'a..b' has an empty label"),
        ("https://.example.org/", "the host '.example.org' has an empty label"),
        ("https://exa_mple.com", "the host 'exa_mple.com' has the label 'exa_mple'"),
        ("https://-a.example.org", "the label '-a'"),
        ("https://" + "a" * 64 + ".org", "1 to 63 letters"),
        ("https://localhost/", "the host 'localhost' is not a domain name (it has no dot)"),
        ("https://192.168.0.1/", "the host '192.168.0.1' is an IP address or ends in a numeric label"),
        ("https://[::1]/", "it contains '[', which RFC 3986 does not allow (percent-encode it: %5B)"),
        ("https://user:pw@example.org/", "a user name or password before the host is not allowed"),
        ("https://example.org:99999/", "the port '99999' is not a number from 0 to 65535"),
        ("https://example.org:/", "the port '' is not a number from 0 to 65535"),
        ("https://example.org/%zz", "'%zz' is not a percent-escape (% and two hex digits)"),
        ("https://example.org/100%", "'%' is not a percent-escape"),
        (
            "https://example.org/café",
            "it contains 'é', which RFC 3986 does not allow (percent-encode it: %C3%A9)",
        ),
        ("https://bücher.example/", "it contains 'ü'"),
        ('https://example.org/"x"', "it contains '\"'"),
        ("https://example.org/a#b#c", "'#' may appear only once, before the fragment"),
        ("https://" + "a." * 127 + "org", "more than the 253 of a domain name"),
    ],
)
def test_a_url_that_is_no_absolute_http_url_is_refused(url: str, detail: str) -> None:
    for field in ("url", "repost_of"):
        message = _refusal(lambda field=field: _source(**{field: url}))
        assert message.startswith(f"{field} must be an absolute http or https URL, got {url!r}: ")
        assert detail in message


def test_a_url_with_a_tab_or_a_line_break_is_refused() -> None:
    # The model's text check refuses control characters before the URL check sees them.
    assert url_problem("https://example.org/a\tb") == "it contains whitespace ('\\t')"
    assert "control" in _refusal(lambda: _source(url="https://example.org/a\nb"))


@given(urls())
def test_every_url_built_from_valid_parts_is_accepted(url: str) -> None:
    assert url_problem(url) is None
    assert _source(url=url, repost_of=url).url == url


@given(urls(), st.data())
def test_a_space_or_a_character_rfc_3986_lacks_anywhere_makes_a_url_refused(
    url: str, data: st.DataObject
) -> None:
    at = data.draw(st.integers(0, len(url)))
    bad = data.draw(st.sampled_from([" ", "\t", "<", ">", '"', "{", "}", "|", "\\", "^", "`", "é", "[", "]"]))
    assert url_problem(url[:at] + bad + url[at:]) is not None


def test_attrs_evolve_checks_the_new_value_too() -> None:
    with pytest.raises(nm.InvalidValueError, match="ends with a dot"):
        attrs.evolve(SRC, url="https://example.org./x")


# -- loading a data directory -------------------------------------------------------------


def test_load_reports_a_bad_nationality_language_and_url_with_file_and_path(data_dir: Path) -> None:
    official = position(data_dir, "officials.toml", "official", "esa-pulkkinen")
    replace_text(data_dir / "officials.toml", 'nationality = "FI"', 'nationality = "XX"')
    source = position(data_dir, "sources.toml", "source", "wikipedia-dgeums")
    replace_text(
        data_dir / "sources.toml",
        'url = "https://en.wikipedia.org/wiki/Director_General_of_the_European_Union_Military_Staff"',
        'url = "https://en.wikipedia.org./wiki/Director_General_of_the_European_Union_Military_Staff"\n'
        'language = "French!!"',
    )
    problems = load_problems(data_dir)
    assert (
        f"officials.toml: $.official[{official}]: nationality must be an ISO 3166-1 alpha-2 code, two "
        "capital letters such as 'FR' or 'GB', got 'XX': it is not an assigned code"
    ) in problems
    mine = [p for p in problems if p.startswith(f"sources.toml: $.source[{source}]: ")]
    # attrs checks the fields in order and stops at the first bad one: the URL
    assert mine == [
        f"sources.toml: $.source[{source}]: url must be an absolute http or https URL, got "
        "'https://en.wikipedia.org./wiki/Director_General_of_the_European_Union_Military_Staff': "
        "the host 'en.wikipedia.org.' ends with a dot"
    ]


def test_load_reports_a_bad_language_and_a_bad_repost_url(data_dir: Path) -> None:
    source = position(data_dir, "sources.toml", "source", "wikipedia-dgeums")
    replace_text(
        data_dir / "sources.toml", 'publisher = "Wikipedia"\n', 'publisher = "Wikipedia"\nlanguage = "en-"\n'
    )
    problems = load_problems(data_dir)
    assert (
        f"sources.toml: $.source[{source}]: language must be a BCP 47 language tag such as 'en', 'fr' "
        "or 'zh-Hant-TW', got 'en-': it has an empty subtag"
    ) in problems
    replace_text(data_dir / "sources.toml", 'language = "en-"\n', 'repost_of = "ftp://x"\n')
    problems = load_problems(data_dir)
    assert (
        f"sources.toml: $.source[{source}]: repost_of must be an absolute http or https URL, got 'ftp://x': "
        "the scheme must be http or https, not 'ftp'"
    ) in problems


def test_the_bundled_values_pass_the_checks() -> None:
    ds = nm.Dataset.bundled()
    assert all(o.nationality is None or o.nationality in COUNTRIES for o in ds.officials())
    for s in ds.sources():
        assert url_problem(s.url) is None, s.id
        assert s.repost_of is None or url_problem(s.repost_of) is None, s.id
        assert language_problem(s.language) is None, s.id
