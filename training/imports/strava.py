"""Strava's bulk export: its ``activities.csv`` says what each activity is and where its file
is (``activities/123.fit.gz``, ``.gpx.gz``, ``.tcx.gz`` or unpacked). Every run is read from
its file with Strava's name, type and perceived exertion on top, keyed by Strava's activity id
(so an overlapping later export adds nothing); a run without a usable file keeps the index's
own figures; a weight-training activity gives its sets when its FIT file has them; anything
else is skipped with its type. Members are read one at a time, in the index's order."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from zipfile import ZipFile, ZipInfo

from training.imports.archive import Limits, check_archive, read_member, unsafe_path
from training.imports.files import parse_bytes
from training.imports.records import (
    FileFailed,
    FileOutcome,
    FileProblem,
    Outcome,
    ParsedRun,
    ParsedStrengthSession,
)
from training.imports.sheets import read_table
from training.imports.strava_csv import StravaActivity, activities

INDEX = "activities.csv"


def find_index(members: list[ZipInfo]) -> ZipInfo | None:
    """The export's activities.csv, at the root or in one top folder."""
    for info in members:
        parts = info.filename.replace("\\", "/").split("/")
        if parts[-1] == INDEX and len(parts) <= 2:
            return info
    return None


def read_export(name: str, archive: ZipFile, index: ZipInfo, members: list[ZipInfo],
                limits: Limits, units: str) -> Iterator[FileOutcome]:
    folder = index.filename.rsplit("/", 1)[0] + "/" if "/" in index.filename else ""
    try:
        listed = list(activities(read_table(read_member(archive, index, limits))))
    except FileProblem as problem:
        yield FileOutcome.problem(index.filename, problem, format="strava")
        return
    by_name = {info.filename: info for info in members}
    files = {a.filename: by_name[folder + a.filename] for a in listed
             if (a.is_run or a.is_strength) and folder + a.filename in by_name}
    try:
        check_archive([index, *files.values()], limits)
    except FileProblem as problem:
        yield FileOutcome.problem(name, problem)
        return
    for activity in listed:
        yield _outcome(archive, activity, files.get(activity.filename), limits, units)


def _outcome(archive: ZipFile, activity: StravaActivity, info: ZipInfo | None, limits: Limits,
             units: str) -> FileOutcome:
    name = activity.filename or f"{INDEX} line {activity.line} ({activity.name})"
    if not (activity.is_run or activity.is_strength):
        return FileOutcome(name, Outcome.SKIPPED, activity.skip_reason(), format="strava")
    if info is None:
        if activity.is_strength:
            return FileOutcome(name, Outcome.SKIPPED, f"a {activity.kind} activity without a "
                               "FIT file: Strava keeps no sets", format="strava")
        note = "its file is not in the archive" if activity.filename else "a manual activity"
        return _ready(name, (activity.summary_run(),), f"{note}: Strava's figures kept")
    try:
        if reason := unsafe_path(info.filename):
            raise FileFailed(reason)
        parsed = parse_bytes(name, read_member(archive, info, limits), units=units,
                             limits=limits)
    except FileProblem as problem:
        return FileOutcome.problem(name, problem, format="strava")
    if parsed.outcome is Outcome.FAILED:
        return parsed
    if activity.is_strength:
        return _strength(name, activity, parsed)
    return _run(name, activity, parsed)


def _ready(name: str, records: tuple[ParsedRun | ParsedStrengthSession, ...], reason: str = ""
           ) -> FileOutcome:
    return FileOutcome(name, Outcome.READY, reason, format="strava", records=records)


def _run(name: str, activity: StravaActivity, parsed: FileOutcome) -> FileOutcome:
    runs = [r for r in parsed.records if isinstance(r, ParsedRun)]
    if not runs:
        why = parsed.reason or "the file holds no run"
        return _ready(name, (activity.summary_run(),), f"{why}: Strava's type and figures kept")
    return _ready(name, tuple(
        dataclasses.replace(run, source="strava", external_key=key, name=activity.name,
                            sport=activity.kind,
                            perceived_exertion=activity.perceived_exertion)
        for run, key in zip(runs, _keys(activity, len(runs)), strict=True)))


def _keys(activity: StravaActivity, count: int) -> list[str]:
    return [activity.key] if count == 1 else [f"{activity.key}#{i}" for i in range(count)]


def _strength(name: str, activity: StravaActivity, parsed: FileOutcome) -> FileOutcome:
    sessions = [r for r in parsed.records if isinstance(r, ParsedStrengthSession)]
    if not sessions:
        return FileOutcome(name, Outcome.SKIPPED, f"a {activity.kind} activity whose file "
                           "holds no sets", format="strava")
    return _ready(name, tuple(
        dataclasses.replace(s, source="strava", external_key=key, title=activity.name)
        for s, key in zip(sessions, _keys(activity, len(sessions)), strict=True)))
