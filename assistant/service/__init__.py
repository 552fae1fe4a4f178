"""The HTTP service: the app factory, routers per area, schemas, middleware and errors. The top
layer: it may import desk, answers, search and the records."""
