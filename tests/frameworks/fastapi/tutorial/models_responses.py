"""FastAPI tutorial, models and responses (nested models, set and list fields, dict bodies, UUID/datetime/timedelta/time, json_schema_extra examples, list and Union response models, 204, cookies on the Response parameter, a Response returned directly, background tasks, CORS, the HTTPException and RequestValidationError handlers overridden), for real FastAPI; models_responses.main.ts.txt is the same app for the lab."""
from datetime import datetime, timedelta, time
from typing import Annotated, Union
from uuid import UUID
from fastapi import FastAPI, Body, Response, BackgroundTasks, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, PlainTextResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from pydantic import BaseModel, Field, HttpUrl

app = FastAPI(title="Tutorial 3", description="More", version="2.0.0")
app.add_middleware(CORSMiddleware, allow_origins=["http://localhost:8080"], allow_credentials=True, allow_methods=["*"], allow_headers=["*"])

@app.exception_handler(StarletteHTTPException)
async def http_exception_handler(request, exc):
    return PlainTextResponse(str(exc.detail), status_code=exc.status_code)

@app.exception_handler(RequestValidationError)
async def validation_exception_handler(request, exc: RequestValidationError):
    return JSONResponse(status_code=status.HTTP_422_UNPROCESSABLE_ENTITY, content=jsonable_encoder({"detail": exc.errors(), "body": exc.body}))

class Image(BaseModel):
    url: HttpUrl
    name: str

class Item(BaseModel):
    name: str
    description: str | None = Field(default=None, title="The description of the item", max_length=300)
    price: float = Field(gt=0, description="The price must be greater than zero")
    tax: float | None = None
    tags: set[str] = set()
    images: list[Image] | None = None

    model_config = {"json_schema_extra": {"examples": [{"name": "Foo", "description": "A very nice Item", "price": 35.4, "tax": 3.2}]}}

class Offer(BaseModel):
    name: str
    items: list[Item]

@app.put("/items/{item_id}")
async def update_item(item_id: int, item: Item):
    return {"item_id": item_id, "item": item}

@app.post("/offers/")
async def create_offer(offer: Offer):
    return offer

@app.post("/index-weights/")
async def create_index_weights(weights: dict[int, float]):
    return weights

@app.put("/times/{item_id}")
async def times(item_id: UUID, start_datetime: Annotated[datetime, Body()], end_datetime: Annotated[datetime, Body()], process_after: Annotated[timedelta, Body()], repeat_at: Annotated[time | None, Body()] = None):
    return {"item_id": item_id, "start_datetime": start_datetime, "end_datetime": end_datetime, "process_after": process_after, "repeat_at": repeat_at}

items = {"foo": {"name": "Foo", "price": 50.2}, "bar": {"name": "Bar", "description": "The bartenders", "price": 62.5, "tax": 20.2}}

@app.get("/items/", response_model=list[Item])
async def read_items():
    return list(items.values())

@app.delete("/items/{item_id}", status_code=204)
async def delete_item(item_id: str):
    if item_id not in items:
        raise StarletteHTTPException(status_code=404, detail="Nope")
    return None

@app.post("/cookie/")
def create_cookie(response: Response):
    response.set_cookie(key="fakesession", value="fake-cookie-session-value")
    return {"message": "Come to the dark side, we have cookies"}

@app.get("/legacy/")
def get_legacy_data():
    data = """<?xml version="1.0"?><shampoo><Header>Apply shampoo here.</Header></shampoo>"""
    return Response(content=data, media_type="application/xml")

def write_log(message: str):
    pass

@app.post("/send/{email}", status_code=202)
async def send(email: str, background_tasks: BackgroundTasks, q: str | None = None):
    background_tasks.add_task(write_log, f"message to {email}\n")
    return {"message": "Message sent", "q": q}

class PlaneItem(BaseModel):
    description: str
    type: str = "plane"
    size: int

class CarItem(BaseModel):
    description: str
    type: str = "car"

@app.get("/vehicles/{vid}", response_model=Union[PlaneItem, CarItem])
async def vehicle(vid: str):
    return {"description": "x", "type": "car"} if vid == "c" else {"description": "y", "type": "plane", "size": 5}
