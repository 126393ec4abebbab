"""The public transparency portal: each partnership's public page and its open data."""
