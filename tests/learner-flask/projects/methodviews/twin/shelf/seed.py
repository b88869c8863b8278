from . import BOOKS, NEXT_ID


def seed(app):
    BOOKS.clear()
    NEXT_ID[0] = 1
