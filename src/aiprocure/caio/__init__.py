"""The CAIO office workflow: waivers, ministry configuration, comparison, diff and inventory.

The CAIO office's domain layer, below ``api``: it loads its files through ``sources`` and
transforms reports with pure functions.

May import: model, errors, sources, engine, render; never api or cli (api calls caio, not the
reverse). See docs/architecture.md (layers).
"""
