"""The CAIO office workflow: waivers, ministry configuration, comparison, diff and inventory.

Sits beside ``api``: it loads files through ``sources`` and transforms reports with pure functions.
"""
