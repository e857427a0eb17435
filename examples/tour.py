"""A short tour: real questions put to the bundled record, with their answers."""

from __future__ import annotations

import natoeu_milstaff as nm


def main() -> None:
    ds = nm.Dataset.bundled()
    print(f"{ds!r}\n")

    print("Who was Director General of the NATO IMS on 19 May 2020?")
    tenure = nm.appointment("DGIMS", "19 May 2020")
    if tenure is None:
        raise SystemExit("the record has no DGIMS on 19 May 2020")
    print(f"   {tenure.official.name} (DGIMS from {tenure.start} to {tenure.end})")
    print("Where does that fact come from?")
    for source in tenure.sources:
        print(f"   {source.publisher}, {source.published or 'undated'}: {source.url}")

    print("Who led the EU Military Staff on 16 November 2021, and who chaired for the EU that day?")
    conference = nm.conference("2021-11-16")
    print("  ", nm.who_held("DGEUMS", "2021-11-16").name)  # type: ignore[union-attr]
    for chair in conference.co_chairs:
        stand_in = f", standing in for {chair.standing_in_for.name}" if chair.standing_in_for else ""
        print(f"   chair: {chair.rank} {chair.official.name} ({chair.post.code}{stand_in})")

    print("Which conferences discussed cyber matters?")
    for c in nm.meetings_about("cyber"):
        print(f"   {c.date}  hosted by {c.host.value if c.host else '?'}")

    print("How did hosting rotate, and where does the record break the alternation?")
    for c in nm.conferences():
        basis = " (inferred)" if c.basis("host") is nm.Basis.INFERRED else ""
        print(f"   {c.date}  {c.host.value if c.host else '?'}{basis}")
    for e in nm.alternation_exceptions():
        print(f"   break {e.after.id} -> {e.before.id}: {e.kind.value}")

    print(
        "Who was DGIMS on 10 July 2013? The handover is known only to the month; the record refuses to guess:"
    )
    try:
        nm.who_held("DGIMS", "2013-07-10")
    except nm.AmbiguousDateError as exc:
        print(f"   AmbiguousDateError: {exc}")


if __name__ == "__main__":
    main()
