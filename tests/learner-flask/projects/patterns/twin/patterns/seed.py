def seed(app):
    pass
