"""FastAPI tutorial, advanced user guide (lifespan, operation metadata, include_in_schema, HTML/redirect/streaming responses, the Request object, HTTPBasic, APIKeyHeader, HTTPBearer without auto_error, a JSONResponse with another status, a mounted sub-application, HTTPException with a default or dict detail), for real FastAPI; advanced.main.ts.txt is the same app for the lab."""
from contextlib import asynccontextmanager
from typing import Annotated
from fastapi import FastAPI, Request, Depends, HTTPException, status
from fastapi.responses import HTMLResponse, RedirectResponse, StreamingResponse, JSONResponse
from fastapi.security import HTTPBasic, HTTPBasicCredentials, APIKeyHeader, HTTPBearer, HTTPAuthorizationCredentials
from pydantic import BaseModel

ml_models = {}

@asynccontextmanager
async def lifespan(app: FastAPI):
    ml_models["answer"] = 42
    yield
    ml_models.clear()

app = FastAPI(lifespan=lifespan)

@app.get("/answer", tags=["items"], summary="The answer", description="Deep thought", response_description="It", deprecated=True)
async def answer():
    return {"answer": ml_models.get("answer")}

@app.get("/hidden", include_in_schema=False)
async def hidden():
    return {"hidden": True}

@app.get("/html", response_class=HTMLResponse)
async def html():
    return "<html><body><h1>Hi</h1></body></html>"

@app.get("/redirect")
async def redirect():
    return RedirectResponse("/html")

@app.get("/redirect2", response_class=RedirectResponse, status_code=302)
async def redirect2():
    return "https://example.com/a b"

async def fake_streamer():
    for i in range(3):
        yield f"chunk {i}\n"

@app.get("/stream")
async def stream():
    return StreamingResponse(fake_streamer(), media_type="text/plain")

@app.get("/req/{p}")
async def req(p: str, request: Request):
    return {"url": str(request.url), "path": request.url.path, "query": dict(request.query_params), "method": request.method, "p": request.path_params, "ua": request.headers.get("x-test")}

security = HTTPBasic()

@app.get("/users/me")
def read_current_user(credentials: Annotated[HTTPBasicCredentials, Depends(security)]):
    return {"username": credentials.username, "password": credentials.password}

api_key = APIKeyHeader(name="X-API-Key")

@app.get("/key")
async def key(k: Annotated[str, Depends(api_key)]):
    return {"k": k}

bearer = HTTPBearer(auto_error=False)

@app.get("/bearer")
async def bear(c: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]):
    return {"c": c.credentials if c else None, "scheme": c.scheme if c else None}

items = {"foo": {"name": "Fighters", "size": 6}}

@app.put("/items/{item_id}")
async def upsert_item(item_id: str, name: str | None = None, size: int | None = None):
    if item_id in items:
        item = items[item_id]
        item["name"] = name
        item["size"] = size
        return item
    item = {"name": name, "size": size}
    items[item_id] = item
    return JSONResponse(status_code=status.HTTP_201_CREATED, content=item)

sub = FastAPI()

@sub.get("/sub")
def read_sub():
    return {"message": "Hello World from sub API"}

app.mount("/subapi", sub)

@app.get("/raise")
async def raise_it():
    raise HTTPException(status_code=418)

@app.get("/items-header/{item_id}")
async def read_item_header(item_id: str):
    if item_id not in items:
        raise HTTPException(status_code=404, detail={"msg": "Item not found", "id": item_id})
    return {"item": items[item_id]}
