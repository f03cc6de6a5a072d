"""Report templates and the builders that feed them."""
