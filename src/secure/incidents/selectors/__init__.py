"""Reads of the incident data: count tables, dashboards, lists."""
