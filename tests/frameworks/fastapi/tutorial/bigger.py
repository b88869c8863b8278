"""FastAPI's "Bigger Applications - Multiple Files" tutorial, as written there: the app package
lives in bigger.files/app/ (the lab's project holds the same files in TypeScript)."""
from app.main import app  # noqa: F401
