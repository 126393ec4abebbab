"""Forms of the incident pages."""
