"""Incident pages: entry and lists, imports, dashboards."""
