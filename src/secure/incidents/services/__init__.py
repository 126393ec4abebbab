"""Writes of the incident data (the importers write in bulk; see ``importers``)."""
