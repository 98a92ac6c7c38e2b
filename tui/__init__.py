"""The Textual TUI of cerca (imports `search`, never the other way round)."""
