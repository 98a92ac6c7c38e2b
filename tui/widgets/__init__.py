"""Widgets of the main screen, one per region: what each one shows is in its name."""
