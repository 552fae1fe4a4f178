"""The organiser's desk: its routes, enquiry answering, the question log and programme updates.
May import answers, search and the records, never service."""
