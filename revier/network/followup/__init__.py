"""Nachbereitung of the Gesprächsbörse (issue 10, section 4): after the event each participant with
a meeting gets one mail with one personal link to one page asking, per meeting, whether it took
place and whether a cooperation is planned; the organiser sees the event's statistics."""
