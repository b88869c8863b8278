"""Set up as the tutorial's tests do: the schema, then one user (password "test") and one post."""
from werkzeug.security import generate_password_hash

from flaskr.db import get_db, init_db


def seed(app):
    with app.app_context():
        init_db()
        db = get_db()
        db.execute("INSERT INTO user (username, password) VALUES (?, ?)", ("test", generate_password_hash("test", "pbkdf2:sha256:1000")))
        db.execute("INSERT INTO user (username, password) VALUES (?, ?)", ("other", generate_password_hash("other", "pbkdf2:sha256:1000")))
        db.execute("INSERT INTO post (title, body, author_id, created) VALUES (?, ?, ?, ?)", ("test title", "test\nbody", 1, "2018-01-01 00:00:00"))
        db.commit()
