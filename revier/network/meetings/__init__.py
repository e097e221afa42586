"""Gesprächsbörse (issue 10, section 3): one-to-one meetings of participants at an event.

models      MeetingSetup (per event) with its MeetingSession, MeetingSlot and MeetingTable rows,
            Unavailability, MeetingRequest (+ MeetingRequestLink), Meeting and MeetingParticipant
services    every write (setup, requests, placing, worker tasks)
selectors   every read of the pages
views       the participant's page, the one-click page of a request link, the organiser's page
"""
