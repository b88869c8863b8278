"""FastAPI tutorial, later chapters (exception handlers, response_model filtering, PATCH with model_copy, dependencies: functions, classes, sub-dependencies, path-operation dependencies, OAuth2PasswordBearer, headers and cookies, APIRouter, an http middleware, sync handlers, PlainTextResponse), for real FastAPI; deps_security.main.ts.txt is the same app for the lab."""
from typing import Annotated, Any
from fastapi import FastAPI, Depends, Header, Cookie, HTTPException, Request, status, APIRouter, Query
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi.exceptions import RequestValidationError
from fastapi.encoders import jsonable_encoder
from fastapi.security import OAuth2PasswordBearer
from pydantic import BaseModel, Field

class UnicornException(Exception):
    def __init__(self, name: str):
        self.name = name

app = FastAPI()

@app.exception_handler(UnicornException)
async def unicorn_exception_handler(request: Request, exc: UnicornException):
    return JSONResponse(status_code=418, content={"message": f"Oops! {exc.name} did something. There goes a rainbow..."})

@app.get("/unicorns/{name}")
async def read_unicorn(name: str):
    if name == "yolo":
        raise UnicornException(name=name)
    return {"unicorn_name": name}

class UserIn(BaseModel):
    username: str
    password: str
    email: str
    full_name: str | None = None

class UserOut(BaseModel):
    username: str
    email: str
    full_name: str | None = None

@app.post("/user/", response_model=UserOut, status_code=status.HTTP_201_CREATED)
async def create_user(user: UserIn) -> Any:
    return user

class Item(BaseModel):
    name: str
    description: str | None = None
    price: float
    tax: float = 10.5
    tags: list[str] = []

items = {
    "foo": {"name": "Foo", "price": 50.2},
    "bar": {"name": "Bar", "description": "The bartenders", "price": 62, "tax": 20.2},
    "baz": {"name": "Baz", "description": None, "price": 50.2, "tax": 10.5, "tags": []},
}

@app.get("/items/{item_id}", response_model=Item, response_model_exclude_unset=True)
async def read_item(item_id: str):
    return items[item_id]

@app.get("/items/{item_id}/name", response_model=Item, response_model_include={"name", "description"})
async def read_item_name(item_id: str):
    return items[item_id]

@app.patch("/items/{item_id}", response_model=Item)
async def update_item(item_id: str, item: Item):
    stored_item_data = items[item_id]
    stored_item_model = Item(**stored_item_data)
    update_data = item.model_dump(exclude_unset=True)
    updated_item = stored_item_model.model_copy(update=update_data)
    items[item_id] = jsonable_encoder(updated_item)
    return updated_item

async def common_parameters(q: str | None = None, skip: int = 0, limit: int = 100):
    return {"q": q, "skip": skip, "limit": limit}

CommonsDep = Annotated[dict, Depends(common_parameters)]

@app.get("/dep-items/")
async def dep_items(commons: CommonsDep):
    return commons

class CommonQueryParams:
    def __init__(self, q: str | None = None, skip: int = 0, limit: int = 100):
        self.q = q
        self.skip = skip
        self.limit = limit

@app.get("/class-items/")
async def class_items(commons: Annotated[CommonQueryParams, Depends()]):
    response = {}
    if commons.q:
        response.update({"q": commons.q})
    response.update({"items": [{"item_name": "Foo"}, {"item_name": "Bar"}][commons.skip : commons.skip + commons.limit]})
    return response

def query_extractor(q: str | None = None):
    return q

def query_or_cookie_extractor(q: Annotated[str, Depends(query_extractor)], last_query: Annotated[str | None, Cookie()] = None):
    if not q:
        return last_query
    return q

@app.get("/sub/")
async def sub(query_or_default: Annotated[str, Depends(query_or_cookie_extractor)]):
    return {"q_or_cookie": query_or_default}

async def verify_token(x_token: Annotated[str, Header()]):
    if x_token != "fake-super-secret-token":
        raise HTTPException(status_code=400, detail="X-Token header invalid")

async def verify_key(x_key: Annotated[str, Header()]):
    if x_key != "fake-super-secret-key":
        raise HTTPException(status_code=400, detail="X-Key header invalid")
    return x_key

@app.get("/guarded/", dependencies=[Depends(verify_token), Depends(verify_key)])
async def guarded():
    return [{"item": "Foo"}, {"item": "Bar"}]

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")

@app.get("/secure/")
async def secure(token: Annotated[str, Depends(oauth2_scheme)]):
    return {"token": token}

@app.get("/headers/")
async def headers(user_agent: Annotated[str | None, Header()] = None, x_token: Annotated[list[str] | None, Header()] = None, ads_id: Annotated[str | None, Cookie()] = None):
    return {"User-Agent": user_agent, "X-Token values": x_token, "ads_id": ads_id}

router = APIRouter(prefix="/admin", tags=["admin"], responses={404: {"description": "Not found"}})

@router.get("/")
async def admin_root():
    return {"message": "Admin"}

@router.get("/{user_id}")
async def admin_user(user_id: int):
    if user_id > 10:
        raise HTTPException(status_code=404, detail="User not found")
    return {"user_id": user_id}

app.include_router(router)

@app.middleware("http")
async def add_header(request: Request, call_next):
    response = await call_next(request)
    response.headers["X-Custom"] = "yes"
    return response

@app.get("/sync")
def sync_handler():
    return {"sync": True}

@app.get("/text", response_class=PlainTextResponse)
async def text():
    return "Hello World"
