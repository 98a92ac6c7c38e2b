"""Screens pushed over the search screen: one article, the help."""
