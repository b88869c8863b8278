"""FastAPI tutorial, Dependencies chapter (global dependencies on the app, dependencies in path operation decorators, dependencies with yield: try/finally cleanup, an exception caught after yield and re-raised as HTTPException, one caught and raised again, one swallowed, an HTTPException raised in the dependency before yield, sub-dependencies with yield, use_cache=False, a dependency class instance with __call__), for real FastAPI; dependencies.main.ts.txt is the same app for the lab."""
from typing import Annotated
from fastapi import Depends, FastAPI, Header, HTTPException

events = []

async def verify_key(x_key: Annotated[str, Header()]):
    if x_key != "fake-super-secret-key":
        raise HTTPException(status_code=400, detail="X-Key header invalid")
    return x_key

app = FastAPI(dependencies=[Depends(verify_key)])

class DBSession:
    def __init__(self):
        self.closed = False

    def close(self):
        self.closed = True

async def get_db():
    db = DBSession()
    try:
        yield db
    finally:
        db.close()
        events.append("db closed")

@app.get("/db")
async def read_db(db: Annotated[DBSession, Depends(get_db)]):
    return {"closed": db.closed}

@app.get("/events")
async def read_events():
    return events

data = {
    "plumbus": {"description": "Freshly pickled plumbus", "owner": "Morty"},
    "portal-gun": {"description": "Gun to create portals", "owner": "Rick"},
}

class OwnerError(Exception):
    pass

def get_username():
    try:
        yield "Rick"
    except OwnerError as e:
        raise HTTPException(status_code=400, detail=f"Owner error: {e}")

@app.get("/items/{item_id}")
def get_item(item_id: str, username: Annotated[str, Depends(get_username)]):
    if item_id not in data:
        raise HTTPException(status_code=404, detail="Item not found")
    item = data[item_id]
    if item["owner"] != username:
        raise OwnerError(username)
    return item

class InternalError(Exception):
    pass

def get_username_reraise():
    try:
        yield "Rick"
    except InternalError:
        events.append("We don't swallow the internal error here, we raise again 😎")
        raise

@app.get("/reraise/{item_id}")
def get_item_reraise(item_id: str, username: Annotated[str, Depends(get_username_reraise)]):
    if item_id == "portal-gun":
        raise InternalError(f"The portal gun is too dangerous to be owned by {username}")
    if item_id != "plumbus":
        raise HTTPException(status_code=404, detail="Item not found, there's only a plumbus here")
    return item_id

def get_username_swallow():
    try:
        yield "Rick"
    except InternalError:
        events.append("Oops, we didn't raise again, Britney 😱")

@app.get("/swallow/{item_id}")
def get_item_swallow(item_id: str, username: Annotated[str, Depends(get_username_swallow)]):
    if item_id == "portal-gun":
        raise InternalError(f"The portal gun is too dangerous to be owned by {username}")
    return item_id

async def require_admin(x_admin: Annotated[str | None, Header()] = None):
    if x_admin != "yes":
        raise HTTPException(status_code=403, detail="Not an admin", headers={"X-Reason": "admin"})
    events.append("admin entered")
    yield "admin"
    events.append("admin left")

@app.get("/admin")
async def admin(who: Annotated[str, Depends(require_admin)]):
    return {"who": who}

async def dependency_a():
    events.append("a open")
    yield "A"
    events.append("a close")

async def dependency_b(dep_a: Annotated[str, Depends(dependency_a)]):
    events.append("b open " + dep_a)
    yield dep_a + "B"
    events.append("b close")

async def dependency_c(dep_b: Annotated[str, Depends(dependency_b)]):
    events.append("c open " + dep_b)
    yield dep_b + "C"
    events.append("c close")

@app.get("/chain")
async def chain(c: Annotated[str, Depends(dependency_c)], a: Annotated[str, Depends(dependency_a)]):
    return {"c": c, "a": a}

calls = {"n": 0}

def counter():
    calls["n"] += 1
    return calls["n"]

@app.get("/cache")
async def cache(first: Annotated[int, Depends(counter)], second: Annotated[int, Depends(counter)], fresh: Annotated[int, Depends(counter, use_cache=False)]):
    return {"first": first, "second": second, "fresh": fresh}

class FixedContentQueryChecker:
    def __init__(self, fixed_content: str):
        self.fixed_content = fixed_content

    def __call__(self, q: str = ""):
        if q:
            return self.fixed_content in q
        return False

checker = FixedContentQueryChecker("bar")

@app.get("/query-checker/")
async def read_query_check(fixed_content_included: Annotated[bool, Depends(checker)]):
    return {"fixed_content_in_query": fixed_content_included}

async def verify_token(x_token: Annotated[str, Header()]):
    if x_token != "fake-super-secret-token":
        raise HTTPException(status_code=400, detail="X-Token header invalid")

@app.get("/guarded/", dependencies=[Depends(verify_token)], status_code=201)
async def guarded():
    return [{"item": "Portal Gun"}, {"item": "Plumbus"}]
