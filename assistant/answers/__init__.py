"""Answering a question: the programme's vocabulary, reading the question, one handler per kind
of question, the conversation context and rendering through templates. May import search and the
records, never service or desk."""
