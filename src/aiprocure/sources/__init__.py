"""Reading untrusted files: safe YAML with positions, and loading into the models."""
