"""Formatters turn findings (and metrics) into text for people and machines. They never analyse."""
