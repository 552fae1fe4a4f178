"""A column the reader leaves unread is named, and said to date nothing only when nothing else
gives the sessions their times."""

from __future__ import annotations

from assistant.desk.vetting import vet_csv


def test_a_column_of_edit_stamps_beside_the_read_times_is_only_not_read() -> None:
    text = (
        "Session ID,Session Title,Date,Start Time,End Time,Last Updated\n"
        "1,Opening,05/11/2027,8:45 AM,9:00 AM,04/21/2027 7:27 AM\n"
        "2,Keynote,05/11/2027,9:00 AM,9:45 AM,04/22/2027 8:34 PM\n"
    )
    messages = [p.message for p in vet_csv(text, "agenda.csv", {})]
    unread = (
        "column 'Last Updated' is not read: rename it to a field's name "
        "(title, date, time, start, room, speakers ...)"
    )
    assert unread in messages
    assert not any("no session gets its dates or times" in m for m in messages)
