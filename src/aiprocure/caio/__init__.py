"""The CAIO office workflow: waivers, ministry configuration, comparison, diff and inventory.

Sits under ``api`` (whose session applies the config and the waivers): it loads files through
``sources`` and transforms reports with pure functions; it never imports ``api`` or ``cli``.
"""
