"""One router per area of the service; create_app includes them in order."""
