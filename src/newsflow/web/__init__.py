"""HTTP edge: FastAPI app, routes per audience, problem responses."""
