"""The tenant: a partnership of a school district, a law-enforcement agency and stakeholders."""
