"""Pure data: the declaration a vendor writes, the checklist format, and the report."""
