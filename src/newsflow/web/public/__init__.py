"""The public website: the agency's shop window (abbreviations only, never the body)."""
