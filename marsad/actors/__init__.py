"""Actors: who did it and to whom, in ACLED's names.

- :class:`~marsad.actors.stage.ActorStage` (stage ``actors``) fills ``doc.actors`` with
  :class:`~marsad.doc.ActorMention` (kinds ``name``, ``generic``, ``description``, ``backref``)
  and ``doc.scratch["actor_sources"]`` with monitors and media (kind ``source``: the Syrian
  Observatory, Amaq, Reuters, ...), which are sources for claims, never event actors.
- :func:`~marsad.actors.roles.assign_roles` gives an event's ``(actor1, actor2, assoc_actor_1,
  assoc_actor_2)``; :func:`~marsad.actors.roles.interaction` ACLED's interaction text;
  :func:`~marsad.actors.roles.civilian_targeting` ACLED's flag.
- The catalogue is data: ``data/actors.yaml`` (named actors, Arabic and English aliases),
  ``data/generic.yaml`` (state forces, civilians, protesters, rioters, unidentified armed groups,
  back references), ``data/countries.yaml``; ``data/ucdp_ids.json`` is built by
  ``scripts/build_actor_ids.py`` from the UCDP actor list.
- :func:`~marsad.actors.catalogue.same_actor` compares our names with ACLED's dated names
  ("Military Forces of Syria" ~ "Military Forces of Syria (2000-2024)"), for evaluations.
"""

from .catalogue import acled_key, acled_name, same_actor
from .roles import assign_roles, civilian_targeting, interaction
from .stage import ActorStage

__all__ = ["ActorStage", "acled_key", "acled_name", "assign_roles", "civilian_targeting", "interaction", "same_actor"]
