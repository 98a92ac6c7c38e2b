"""cerca's library: parse -> analyze -> index -> query. No UI code lives here."""
