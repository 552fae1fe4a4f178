"""programme-assistant: answers delegates' questions from a conference programme."""
