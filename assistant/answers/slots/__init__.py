"""Slot readers: each reads one kind of entity a question names (rasa's extractors)."""
