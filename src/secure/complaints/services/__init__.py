"""Writes for complaints: intake, the case workflow, retention. Each function is one change."""
