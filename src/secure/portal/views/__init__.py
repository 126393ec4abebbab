"""The portal's views: workspace management (manage), the public page (pages), open data."""
