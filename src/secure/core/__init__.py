"""The site shell: base templates, USWDS form rendering, error pages and operational commands."""
