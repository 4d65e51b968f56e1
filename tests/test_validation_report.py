"""validation.html: a summary, open rejections until a later file is accepted, failed checks with their values."""

from __future__ import annotations

import re

from conftest import run, write


def sections(loc) -> dict[str, str]:
    """The page's text under each h2 (and the summary before the first), tags stripped."""
    page = (loc.out / "validation.html").read_text()
    parts = re.split(r"<h2>(.*?)</h2>", page)
    return {"summary": parts[0], **{parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}}


def test_open_rejections_stay_on_the_page_until_a_later_file_is_accepted(loc):
    write(loc, "members/members_20240131.csv", "P1,2020-01-01,,1900-05-05,1011 AB,,5,monthly,street")
    write(loc, "donations/donations_20240131.csv", "T1,P1,2024-01-05,ten,particulieren,gift,,\n"
          "T1,P2,2024-01-06,10.00,particulieren,gift,,")
    run(loc, "2024-01-31")
    first = sections(loc)
    assert re.search(r"<strong>2</strong> file\(s\) checked — 1 loaded, <strong>1 rejected</strong>, 0 skipped; "
                     r"1 warning\(s\)", first["summary"])
    failed = first["Failed checks"]
    assert "<code>ten</code>" in failed and "unique_id" in failed and "<code>T1</code>" in failed
    assert "1900" not in (loc.out / "validation.html").read_text()  # a birth date is personal data: never shown
    checked = first["Files checked in this run"]
    assert "<details>" in checked and "what to fix" not in checked.lower()

    run(loc, "2024-02-01")  # nothing new arrives, the models are built for the new as-of
    quiet = sections(loc)
    assert re.search(r"<strong>0</strong> file\(s\) checked", quiet["summary"])
    assert "<strong>1</strong> open rejection(s)" in quiet["summary"]
    assert "donations/donations_20240131.csv" in quiet["Open rejections"]
    assert "<code>ten</code>" in quiet["Failed checks"]

    write(loc, "donations/donations_20240201.csv", "T1,P1,2024-01-05,10.00,particulieren,gift,,")
    run(loc, "2024-02-01")
    fixed = sections(loc)
    assert "<strong>0</strong> open rejection(s)" in fixed["summary"]
    assert "donations_20240131" not in fixed["Open rejections"] + fixed["Failed checks"]
