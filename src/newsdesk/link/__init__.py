"""Entity linking: one entity per real person, place and organisation, whatever the spelling."""

from newsdesk.link.entities import link_entities
from newsdesk.link.namekey import name_key
from newsdesk.link.places import resolve_place

__all__ = ["link_entities", "name_key", "resolve_place"]
