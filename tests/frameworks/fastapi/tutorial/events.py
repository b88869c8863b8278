"""FastAPI tutorial, Alternative Events (deprecated): startup and shutdown handlers given to FastAPI(on_startup=…) and added with @app.on_event, filling the app's data before it serves, for real FastAPI; events.main.ts.txt is the same app for the lab."""
from fastapi import FastAPI

log = []

def first_startup():
    log.append("on_startup list")

app = FastAPI(on_startup=[first_startup])

items = {}

@app.on_event("startup")
async def startup_event():
    items["foo"] = {"name": "Fighters"}
    items["bar"] = {"name": "Tenders"}
    log.append("startup_event")

@app.on_event("shutdown")
def shutdown_event():
    log.append("Application shutdown")

@app.get("/items/{item_id}")
async def read_items(item_id: str):
    return items[item_id]

@app.get("/log")
async def read_log():
    return log
