"""Uploads: archives read safely and lazily, caps with clear reasons, broken fixtures."""

from __future__ import annotations

import datetime as dt
import gc
import gzip
import io
import tracemalloc
import zipfile

import pytest

from tests.training.imports_support import FILES, outcome, outcomes
from training.imports import Limits, Outcome, parse_upload
from training.imports.encoders.garmin import Lap, fit_run

START = dt.datetime(2024, 5, 1, 6, 0, tzinfo=dt.UTC)


def archive(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in entries:
            out.writestr(name, data)
    return buffer.getvalue()


def runs(count: int, seconds: int = 600) -> list[tuple[str, bytes]]:
    return [(f"runs/{n}.fit", fit_run(START + dt.timedelta(days=n), [Lap(seconds, seconds * 3)],
                                      serial=n + 1)) for n in range(count)]


# What each broken fixture produces: the report of the issue quotes this table.
BROKEN = [
    ("broken/bad_crc.fit", "bad_crc.fit",
     "the file is corrupt: its checksum (CRC) does not match after message 572", 572),
    ("broken/truncated.fit", "truncated.fit",
     "the file is truncated: it ends inside message 346 (6270 bytes)", 346),
    ("broken/wrong_header.fit", "wrong_header.fit",
     "not a FIT file: its header lacks the '.FIT' signature", None),
    ("broken/bad_number_line57.csv", "bad_number_line57.csv",
     "line 57: 'abc' is not a number in Weight", 57),
    ("broken/billion_laughs.gpx", "billion_laughs.gpx",
     "the file declares the XML entity 'lol': entities are refused (a 'billion laughs' bomb "
     "expands them without end)", 3),
    ("broken/bomb.zip", "zeros.csv",
     "the member unpacks 1028 times its packed size, over the 100:1 limit (a zip bomb?)", None),
]


@pytest.mark.parametrize(("fixture", "name", "reason", "line"), BROKEN)
def test_each_broken_fixture_fails_with_its_name_and_reason(fixture, name, reason, line):
    result = outcome(fixture)
    assert (result.name, result.outcome, result.reason, result.line) == (
        name, Outcome.FAILED, reason, line)
    assert result.records == ()


def test_members_that_leave_the_archive_are_refused_and_the_rest_read():
    found = outcomes("broken/traversal.zip")
    assert [(o.name, o.outcome, o.reason) for o in found] == [
        ("../../outside.fit", Outcome.FAILED,
         "refused: the path '../../outside.fit' leaves the archive ('..')"),
        ("/etc/abs.fit", Outcome.FAILED, "refused: the path '/etc/abs.fit' is absolute"),
        ("runs/ok.fit", Outcome.READY, ""),
    ]


def test_a_windows_drive_path_is_refused():
    [found] = outcomes("win.zip", archive([("C:\\temp\\run.fit", runs(1)[0][1])]))
    assert found.reason == "refused: the path 'C:\\\\temp\\\\run.fit' is absolute"


def test_an_archive_of_files_gives_one_outcome_per_file_and_ignores_mac_litter():
    data = archive([*runs(2), ("photo.jpg", b"\xff\xd8\xff\xe0 jpeg"), ("__MACOSX/._0.fit", b"x"),
                    ("runs/.DS_Store", b"x"), ("inner.zip", archive(runs(1)))])
    found = outcomes("upload.zip", data)
    assert [(o.name, o.outcome) for o in found] == [
        ("runs/0.fit", Outcome.READY), ("runs/1.fit", Outcome.READY),
        ("photo.jpg", Outcome.SKIPPED), ("inner.zip", Outcome.SKIPPED)]
    assert found[2].reason == ("not a file we read (FIT, GPX, TCX, Strong or Hevy CSV, Strava "
                               "export)")
    assert found[3].reason == "an archive inside the archive is not opened"


def test_a_gzipped_file_is_read_and_a_gzip_bomb_stopped():
    run = runs(1)[0][1]
    assert outcome("run.fit.gz", gzip.compress(run)).runs == 1
    bomb = outcome("zeros.fit.gz", gzip.compress(bytes(8 * 1024 * 1024)))
    assert bomb.reason.startswith("the gzip file unpacks ")
    assert bomb.reason.endswith("times its packed size, over the 100:1 limit (a zip bomb?)")
    cut = outcome("cut.fit.gz", gzip.compress(run)[:-20])
    assert (cut.outcome, cut.reason) == (Outcome.FAILED, "the gzip file is truncated")


@pytest.mark.parametrize(("limits", "reason"), [
    (Limits(max_files=2), "the archive holds 3 files, over the limit of 2"),
    (Limits(max_total_bytes=2000), "the archive unpacks to {total} bytes, over the 2000 bytes "
                                   "limit"),
])
def test_an_archive_over_the_caps_is_refused_before_a_file_is_read(limits, reason):
    entries = runs(3)
    total = sum(len(data) for _name, data in entries)
    found = outcomes("big.zip", archive(entries), limits=limits)
    assert [(o.name, o.outcome, o.reason) for o in found] == [
        ("big.zip", Outcome.FAILED, reason.format(total=total))]


def test_a_file_over_the_size_cap_is_refused():
    result = outcome("run.fit", runs(1)[0][1], limits=Limits(max_file_bytes=1000))
    assert result.reason == "the file is over the 1000 bytes limit for one file"


def test_a_corrupt_member_and_a_corrupt_archive_fail_cleanly():
    data = bytearray(archive(runs(1, seconds=1800)))
    data[200] ^= 0xFF  # inside the deflated member: its CRC-32 no longer matches
    [member] = outcomes("upload.zip", bytes(data))
    assert member.outcome is Outcome.FAILED
    assert member.reason.startswith("the member is corrupt in the archive")
    cut = outcomes("cut.zip", bytes(data[:300]))
    assert [(o.outcome, o.reason[:27]) for o in cut] == [
        (Outcome.FAILED, "the zip archive is corrupt ")]


def _peak_while_parsing(data: bytes) -> int:
    """The peak of Python's allocations while the outcomes are consumed one by one. Garmin's
    decoder builds a class per file header, freed only by the cycle collector, so the
    consumer collects after each file (as the pipeline's task may): what is left is what the
    parser itself holds."""
    gc.collect()
    tracemalloc.start()
    try:
        for found in parse_upload("history.zip", io.BytesIO(data)):
            assert found.outcome is Outcome.READY
            del found
            gc.collect()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_archives_size():
    small, large = archive(runs(8, seconds=1800)), archive(runs(32, seconds=1800))
    peak_small, peak_large = _peak_while_parsing(small), _peak_while_parsing(large)
    # four times the files: the peak is one file's decoding (about 200 KB here), not the
    # archive's; held messages or outcomes would take it past 4 times
    assert peak_large < peak_small * 1.5, (peak_small, peak_large)


def test_outcomes_come_as_each_file_is_read():
    outcomes_so_far = parse_upload("upload.zip", io.BytesIO(archive(runs(3))))
    assert next(outcomes_so_far).name == "runs/0.fit"


@pytest.mark.parametrize(("name", "data", "result", "reason"), [
    ("run.gpx", b"hello", Outcome.FAILED, "not a GPX file: its content does not start as one"),
    ("run.tcx", b"\x00\x01", Outcome.FAILED, "not a TCX file: its content does not start as one"),
    ("history.zip", b"not a zip", Outcome.FAILED,
     "not a zip file: its content does not start as one"),
    ("notes.txt", b"hello", Outcome.SKIPPED,
     "not a file we read (FIT, GPX, TCX, Strong or Hevy CSV, Strava export)"),
])
def test_a_file_whose_content_is_not_what_its_name_says_fails_or_is_skipped(
        name, data, result, reason):
    found = outcome(name, data)
    assert (found.outcome, found.reason) == (result, reason)


def test_a_strava_export_over_the_caps_is_refused_by_the_uploads_name():
    found = outcomes("export.zip", (FILES / "strava_export.zip").read_bytes(),
                     limits=Limits(max_total_bytes=5000))
    assert [(o.name, o.outcome) for o in found] == [("export.zip", Outcome.FAILED)]
    assert found[0].reason.endswith("over the 5000 bytes limit")
