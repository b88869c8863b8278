"""FastAPI tutorial, Handling Errors, Response Model and Extra Models (HTTPException with headers, a custom exception handler, the RequestValidationError handler overridden to print the errors as text, the default handlers reused from fastapi.exception_handlers, response_model as a return annotation filtering a subclass, response_model_exclude_unset / exclude_defaults / exclude_none, include and exclude given as lists, UserIn/UserOut/UserInDB with **user_in.model_dump(), Union and list response models, dict[str, float] responses, response_model=None, a response that fails its model), for real FastAPI; errors_models.main.ts.txt is the same app for the lab."""
from typing import Any, Union
from fastapi import FastAPI, HTTPException, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from pydantic import BaseModel

app = FastAPI()
seen = []

@app.exception_handler(StarletteHTTPException)
async def custom_http_exception_handler(request, exc):
    seen.append(f"OMG! An HTTP error!: {repr(exc)}")
    return await http_exception_handler(request, exc)

@app.exception_handler(RequestValidationError)
async def validation_exception_handler(request: Request, exc: RequestValidationError):
    if request.url.path.startswith("/plain/"):
        message = "Validation errors:"
        for error in exc.errors():
            message += f"\nField: {error['loc']}, Error: {error['msg']}"
        return PlainTextResponse(message, status_code=400)
    seen.append(f"OMG! The client sent invalid data!: {len(exc.errors())} errors")
    return await request_validation_exception_handler(request, exc)

class UnicornException(Exception):
    def __init__(self, name: str):
        self.name = name

@app.exception_handler(UnicornException)
async def unicorn_exception_handler(request: Request, exc: UnicornException):
    return JSONResponse(status_code=418, content={"message": f"Oops! {exc.name} did something. There goes a rainbow..."})

items = {"foo": "The Foo Wrestlers"}

@app.get("/items-header/{item_id}")
async def read_item_header(item_id: str):
    if item_id not in items:
        raise HTTPException(status_code=404, detail="Item not found", headers={"X-Error": "There goes my error"})
    return {"item": items[item_id]}

@app.get("/unicorns/{name}")
async def read_unicorn(name: str):
    if name == "yolo":
        raise UnicornException(name=name)
    return {"unicorn_name": name}

@app.get("/plain/{item_id}")
async def read_plain(item_id: int, q: int = 0):
    return {"item_id": item_id, "q": q}

@app.get("/seen")
async def read_seen():
    return seen

class BaseUser(BaseModel):
    username: str
    email: str
    full_name: str | None = None

class UserIn(BaseUser):
    password: str

@app.post("/user/")
async def create_user(user: UserIn) -> BaseUser:
    return user

class UserOut(BaseModel):
    username: str
    email: str
    full_name: str | None = None

class UserInDB(BaseModel):
    username: str
    hashed_password: str
    email: str
    full_name: str | None = None

def fake_password_hasher(raw_password: str):
    return "supersecret" + raw_password

def fake_save_user(user_in: UserIn):
    hashed_password = fake_password_hasher(user_in.password)
    user_in_db = UserInDB(**user_in.model_dump(), hashed_password=hashed_password)
    seen.append(f"User saved! ..not really {user_in_db.hashed_password}")
    return user_in_db

@app.post("/users/", response_model=UserOut, status_code=201)
async def create_user_extra(user_in: UserIn):
    user_saved = fake_save_user(user_in)
    return user_saved

class Item(BaseModel):
    name: str
    description: str | None = None
    price: float
    tax: float = 10.5
    tags: list[str] = []

stock = {
    "foo": {"name": "Foo", "price": 50.2},
    "bar": {"name": "Bar", "description": "The bartenders", "price": 62, "tax": 20.2},
    "baz": {"name": "Baz", "description": None, "price": 50.2, "tax": 10.5, "tags": []},
}

@app.get("/items/{item_id}", response_model=Item, response_model_exclude_unset=True)
async def read_item(item_id: str):
    return stock[item_id]

@app.get("/items/{item_id}/defaults", response_model=Item, response_model_exclude_defaults=True)
async def read_item_defaults(item_id: str):
    return stock[item_id]

@app.get("/items/{item_id}/none", response_model=Item, response_model_exclude_none=True)
async def read_item_none(item_id: str):
    return stock[item_id]

@app.get("/items/{item_id}/name", response_model=Item, response_model_include=["name", "description"])
async def read_item_name(item_id: str):
    return stock[item_id]

@app.get("/items/{item_id}/public", response_model=Item, response_model_exclude=["tax"])
async def read_item_public_data(item_id: str):
    return stock[item_id]

class BaseItem(BaseModel):
    description: str
    type: str

class CarItem(BaseItem):
    type: str = "car"

class PlaneItem(BaseItem):
    type: str = "plane"
    size: int

vehicles = {
    "item1": {"description": "All my friends drive a low rider", "type": "car"},
    "item2": {"description": "Music is my aeroplane, it's my aeroplane", "type": "plane", "size": 5},
}

@app.get("/vehicles/{item_id}", response_model=Union[PlaneItem, CarItem])
async def read_vehicle(item_id: str):
    return vehicles[item_id]

class Listed(BaseModel):
    name: str
    description: str

listed = [
    {"name": "Foo", "description": "There comes my hero"},
    {"name": "Red", "description": "It's my aeroplane"},
]

@app.get("/listed/", response_model=list[Listed])
async def read_listed():
    return listed

@app.get("/keyword-weights/", response_model=dict[str, float])
async def read_keyword_weights():
    return {"foo": 2.3, "bar": 3.4, "one": 1}

@app.get("/portal", response_model=None)
async def get_portal(teleport: bool = False) -> Response | dict:
    if teleport:
        return RedirectResponse(url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    return JSONResponse(content={"message": "Here's your interdimensional portal."})

@app.get("/broken", response_model=Item)
async def broken():
    return {"name": "Broken"}

@app.get("/any/", response_model=list[Item])
async def read_any() -> Any:
    return [{"name": "Portal Gun", "price": 42.0}, {"name": "Plumbus", "price": 32.0}]
