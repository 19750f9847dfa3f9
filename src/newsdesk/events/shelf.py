"""Where the online clusterer keeps its event profiles: settled events packed away.

An event's profile (``EventProfile``: up to ``PROFILE_MAX_KEYS`` weighted terms and entities, an
embedding, dates and years) weighs about 100 KB in memory, and the clusterer keeps every event it
ever made, since any of them may still be joined (no date gap is a wall). Kept live, they made
the writer's memory grow with the run (measured: 523 MB at 2k articles, 1,729 MB at 10k on the
Dask engine). Here an event that is not open (unchanged for ``REFINE_HORIZON`` arrivals: the
clusterer no longer refines it) is packed: its profile encoded as the saved state encodes it and
compressed, a few KB; its id, age and members stay at hand, since candidate ranking and
``clusters`` read them for many events. A packed event asked for (a candidate of a new article, a
merge) is unpacked exactly as it was and stays live until it is packed again, so the clusterer
decides as it did with every profile live.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator

import numpy as np

from newsdesk.events.profiles import EventProfile
from newsdesk.events.state import decode_state, encode_state

_CLASSES = {"Event": EventProfile}


class EventShelf:
    """A mapping of event id -> ``EventProfile`` whose settled entries are kept packed."""

    def __init__(self, live: dict[str, EventProfile] | None = None) -> None:
        self.live: dict[str, EventProfile] = live or {}
        self.packed: dict[str, list] = {}  # event id -> [age, members, the rest of its profile packed (uint8 array)]

    def __getitem__(self, event_id: str) -> EventProfile:
        event = self.live.get(event_id)
        if event is None:
            event = self._unpack(event_id)  # KeyError when there is no such event
        return event

    def get(self, event_id: str, default: EventProfile | None = None) -> EventProfile | None:
        return self[event_id] if event_id in self else default

    def __contains__(self, event_id: object) -> bool:
        return event_id in self.live or event_id in self.packed

    def __setitem__(self, event_id: str, event: EventProfile) -> None:
        self.packed.pop(event_id, None)
        self.live[event_id] = event

    def __delitem__(self, event_id: str) -> None:
        if self.live.pop(event_id, None) is None:
            del self.packed[event_id]

    def __len__(self) -> int:
        return len(self.live) + len(self.packed)

    def age(self, event_id: str) -> int:
        event = self.live.get(event_id)
        return event.age if event is not None else self.packed[event_id][0]

    def memberships(self) -> Iterator[tuple[str, list[str]]]:
        """Each event's id and members, live and packed, in the order the events were made."""
        for event in self.live.values():
            yield event.id, event.members
        for event_id, (_, members, _) in self.packed.items():
            yield event_id, members

    def pack(self, keep_live: Callable[[str], bool]) -> None:
        """Pack every live event but those ``keep_live`` names."""
        for event_id in [e for e in self.live if not keep_live(e)]:
            event = self.live.pop(event_id)
            rest = {name: value for name, value in vars(event).items() if name not in ("age", "members")}
            data = zlib.compress(encode_state(rest, _CLASSES), 1)
            self.packed[event_id] = [event.age, event.members, np.frombuffer(data, np.uint8)]

    def _unpack(self, event_id: str) -> EventProfile:
        age, members, data = self.packed.pop(event_id)
        event = object.__new__(EventProfile)
        for name, value in decode_state(zlib.decompress(data), _CLASSES).items():
            object.__setattr__(event, name, value)
        event.age, event.members = age, members
        self.live[event_id] = event
        return event
