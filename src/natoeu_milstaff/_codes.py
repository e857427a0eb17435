"""What a country code, a language tag and a source URL must be, and the code lists.

The model's validators call the three checks here; each returns what is wrong with a
value, in words that fit after "got ...: ", or ``None`` for a good value. Patterns are
compiled and cached by ``re`` on first use rather than on import, as in ``_model``.

- ``country_problem``: an officially assigned ISO 3166-1 alpha-2 code, in capitals.
- ``language_problem``: a well-formed BCP 47 language tag (RFC 5646) whose primary
  language subtag is an ISO 639-1 code or three letters.
- ``url_problem``: an absolute ``http`` or ``https`` URL of RFC 3986 characters with a
  DNS host name.

The two lists are the codes as the standards assign them, kept here as literals so that
checking a value needs no third-party package. They were taken on 2026-11-30 from
pycountry 26.2.16, whose data is the Debian ``iso-codes`` project's copy of the ISO
lists; ``tests/test_codes.py`` compares them with the installed pycountry (the
``bench`` dependency group), so that a change in the standards shows up as a failing
test rather than as a refused value. pycountry is not a dependency of the package.
"""

import re

__all__ = ["COUNTRIES", "LANGUAGES", "country_problem", "language_problem", "url_problem"]

# fmt: off
COUNTRIES: frozenset[str] = frozenset({
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
})
"""The 249 officially assigned ISO 3166-1 alpha-2 country codes, in capitals.

Exceptionally reserved codes (``UK``, ``EU``) and the user-assigned ones (``AA``, ``QM`` to
``QZ``, ``XA`` to ``XZ``, Kosovo's ``XK`` among them, and ``ZZ``) are not in it.
"""

LANGUAGES: frozenset[str] = frozenset({
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi",
    "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de",
    "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy",
    "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia",
    "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk",
    "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo",
    "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd",
    "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl",
    "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "sh", "si", "sk",
    "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti",
    "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo",
    "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
})
"""The 184 ISO 639-1 two-letter language codes, in lower case.

As ISO 639-3 keeps them: ``sh`` (Serbo-Croatian), withdrawn from ISO 639-1 in 2000 but
still found in tags, is one; the withdrawn ``iw``, ``in`` and ``ji`` are not.
"""
# fmt: on


# The codes EU texts use for the United Kingdom and Greece, where ISO assigns others.
_EU_USAGE = {"UK": "GB", "EL": "GR"}


def country_problem(code: str) -> str | None:
    """Why ``code`` is not an assigned ISO 3166-1 alpha-2 code, or ``None`` if it is one.

    The reason is empty where the expected form says it all (``"Britain"``). A
    code is written in capitals, as ISO writes it: ``"gb"`` is refused, with
    ``"GB"`` suggested. The user-assigned and reserved codes are refused.

    >>> country_problem("FR") is None
    True
    >>> country_problem("gb")
    "codes are written in capitals; did you mean 'GB'?"
    >>> country_problem("UK")
    "it is not an assigned code; did you mean 'GB'?"
    >>> country_problem("Britain")
    ''
    """
    if code in COUNTRIES:
        return None
    upper = code.upper()
    if upper in COUNTRIES:
        return f"codes are written in capitals; did you mean {upper!r}?"
    if upper in _EU_USAGE:
        return f"it is not an assigned code; did you mean {_EU_USAGE[upper]!r}?"
    if len(code) == 2 and code.isascii() and code.isalpha():
        return "it is not an assigned code"
    return ""


def language_problem(tag: str) -> str | None:
    """What keeps ``tag`` from being a BCP 47 language tag the record accepts, or ``None``.

    The tag must be well formed by the syntax of RFC 5646, section 2.1::

        language[-extlang][-script][-region]*(-variant)*(-extension)[-privateuse]

    compared without regard to case (``EN-gb`` is ``en-GB``). Its primary language
    subtag must be an ISO 639-1 code (``en``, ``fr``) or any three letters (an ISO 639-2
    or 639-3 code, ``gsw``); the subtags of four to eight letters that RFC 5646 reserves
    or leaves to registration are refused, and so are tags that are only private use
    (``x-...``) and the grandfathered irregular tags (``i-klingon``). Only the form is
    checked after the primary subtag: a script, region or variant is not looked up in
    a registry.

    >>> [language_problem(t) for t in ("en", "en-GB", "zh-Hant-TW", "gsw-CH", "sr-Latn-RS")]
    [None, None, None, None, None]
    >>> language_problem("en-")
    'it has an empty subtag'
    """
    if not re.fullmatch(r"[A-Za-z0-9-]+", tag):
        return "a tag is ASCII letters, digits and hyphens"
    shown = tag.split("-")
    subtags = tag.lower().split("-")
    if "" in subtags:
        return "it has an empty subtag"
    long = next((s for s in subtags if len(s) > 8), None)
    if long is not None:
        return f"the subtag {long!r} is longer than 8 characters"
    primary = subtags[0]
    if primary == "x":
        return "a tag that is only private use (x-...) names no language"
    if not (primary.isalpha() and len(primary) in (2, 3)):
        return f"the primary language subtag {shown[0]!r} must be two letters or three"
    if len(primary) == 2 and primary not in LANGUAGES:
        hint = " (it is a country code)" if primary.upper() in COUNTRIES else ""
        return f"{shown[0]!r} is not an ISO 639-1 language code{hint}"
    return _rest_problem(subtags, shown)


def _rest_problem(subtags: list[str], shown: list[str]) -> str | None:
    """What is wrong with the subtags after the primary one (lower case in ``subtags``,
    as written in ``shown``), or ``None``."""
    i, end = 1, len(subtags)

    def take(pattern: str, most: int = 1) -> None:
        nonlocal i
        for _ in range(most):
            if i < end and re.fullmatch(pattern, subtags[i]):
                i += 1
            else:
                return

    take(_EXTLANG, 3)
    take(_SCRIPT)
    take(_REGION)
    take(_VARIANT, end)
    while i < end and len(subtags[i]) == 1 and subtags[i] != "x":  # an extension
        singleton, i = shown[i], i + 1
        start = i
        take(_EXTENSION, end)
        if i == start:
            return f"the extension {singleton!r} has no subtags of 2 to 8 characters after it"
    if i < end and subtags[i] == "x":
        if i + 1 == end:
            return "the private use part 'x' has no subtags after it"
        return None  # every subtag of 1 to 8 letters and digits may follow "x"
    if i < end:
        return f"the subtag {shown[i]!r} is out of place"
    return None


# The subtags after the primary one, in lower case (RFC 5646, section 2.1).
_EXTLANG = r"[a-z]{3}"
_SCRIPT = r"[a-z]{4}"
_REGION = r"[a-z]{2}|[0-9]{3}"
_VARIANT = r"[a-z0-9]{5,8}|[0-9][a-z0-9]{3}"
_EXTENSION = r"[a-z0-9]{2,8}"

# RFC 3986, section 2: the unreserved characters, the delimiters and "%" of an escape.
# "[" and "]" are left out: they may only enclose an IP address host, which is refused.
_URL_CHARACTERS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#@!$&'()*+,;=%"
)
# A DNS label by the rule of RFC 1123: letters, digits and inner hyphens, at most 63.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"


URL_PATTERN = r"https?://[^\s/?#]+[^\s]*"
"""The form of a source URL in the exports' schemas (Frictionless anchors it, the JSON
Schema adds ``^`` and ``$``): a looser check than ``url_problem``, which is the rule."""


def url_problem(url: str) -> str | None:
    """What keeps ``url`` from being a URL a source may have, or ``None``.

    It must be an absolute ``http`` or ``https`` URL (the scheme in lower case, as
    ``URL_PATTERN``, which the exports' schemas use, requires) made only of
    the characters RFC 3986 allows, with every ``%`` starting an escape of two
    hexadecimal digits: no whitespace, and non-ASCII text percent-encoded. Its host is a
    DNS name: two or more labels of letters, digits and inner hyphens, 1 to 63
    characters each, separated by single dots, 253 characters at most, with no dot at
    the end and a last label that is not all digits. An IP address, a user name or
    password before the host, and a port outside 0 to 65535 are refused.

    >>> url_problem("https://www.nato.int/cps/en/natohq/news_188657.htm?selectedLocale=en") is None
    True
    >>> url_problem("https://en.wikipedia.org./wiki/X")
    "the host 'en.wikipedia.org.' ends with a dot"
    """
    space = next((c for c in url if c.isspace()), None)
    if space is not None:
        return f"it contains whitespace ({space!r})"
    other = next((c for c in url if c not in _URL_CHARACTERS), None)
    if other is not None:
        from urllib.parse import quote

        return f"it contains {other!r}, which RFC 3986 does not allow (percent-encode it: {quote(other)})"
    escape = re.search(r"%(?![0-9A-Fa-f]{2})", url)
    if escape is not None:
        return f"{url[escape.start() : escape.start() + 3]!r} is not a percent-escape (% and two hex digits)"
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if not parts.scheme:
        return "it has no scheme: it must start with http:// or https://"
    if parts.scheme.lower() not in ("http", "https"):
        return f"the scheme must be http or https, not {parts.scheme!r}"
    written = url[: len(parts.scheme)]  # urlsplit gives the scheme in lower case
    if written != parts.scheme:
        return f"write the scheme in lower case: {parts.scheme!r}, not {written!r}"
    if not url[len(parts.scheme) + 1 :].startswith("//") or not parts.netloc:
        return "it has no host after the scheme's //"
    if "#" in parts.fragment:
        return "'#' may appear only once, before the fragment"
    if "@" in parts.netloc:
        return "a user name or password before the host is not allowed"
    host, colon, port = parts.netloc.partition(":")
    if colon and not (re.fullmatch(r"[0-9]{1,5}", port) and int(port) <= 65535):
        return f"the port {port!r} is not a number from 0 to 65535"
    return _host_problem(host)


def _host_problem(host: str) -> str | None:
    if not host:
        return "it has no host"
    if host.endswith("."):
        return f"the host {host!r} ends with a dot"
    labels = host.split(".")
    if "" in labels:
        return f"the host {host!r} has an empty label"
    bad = next((label for label in labels if not re.fullmatch(_LABEL, label)), None)
    if bad is not None:
        return (
            f"the host {host!r} has the label {bad!r}; a label is 1 to 63 letters, digits "
            "and hyphens, with no hyphen at either end"
        )
    if len(labels) < 2:
        return f"the host {host!r} is not a domain name (it has no dot)"
    if len(host) > 253:
        return f"the host has {len(host)} characters, more than the 253 of a domain name"
    if labels[-1].isdigit():
        return f"the host {host!r} is an IP address or ends in a numeric label"
    return None
