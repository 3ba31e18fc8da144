"""Reproducible Office files: a .docx or .xlsx is a zip, and zip entries carry the time they
were written. `fixed_zip` rewrites the archive with every entry dated `when`, in the same
order, with the same compression, so the same inputs give the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile


def fixed_zip(data: bytes, when: dt.datetime) -> bytes:
    """`data` (a zip) with each entry's date set to `when` and its attributes made plain."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # the same bytes whichever system wrote them
            info.external_attr = 0
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()


def stamp_of(day: dt.date) -> dt.datetime:
    """The fixed time a document made for `day` carries: midnight of that day (UTC)."""
    return dt.datetime(day.year, day.month, day.day)
