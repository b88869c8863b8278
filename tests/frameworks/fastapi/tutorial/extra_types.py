"""FastAPI tutorial, Extra Data Types and Body - Nested Models (UUID, datetime with a timezone, date, time, timedelta, frozenset, bytes, Decimal in bodies and responses; a model with a nested list of models, a list body), for real FastAPI; extra_types.main.ts.txt is the same app for the lab."""
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Annotated
from uuid import UUID
from fastapi import Body, FastAPI
from pydantic import BaseModel

app = FastAPI()

@app.put("/items/{item_id}")
async def read_items(
    item_id: UUID,
    start_datetime: Annotated[datetime, Body()],
    end_datetime: Annotated[datetime, Body()],
    process_after: Annotated[timedelta, Body()],
    repeat_at: Annotated[time | None, Body()] = None,
):
    start_process = start_datetime + process_after
    duration = end_datetime - start_process
    return {
        "item_id": item_id,
        "start_datetime": start_datetime,
        "end_datetime": end_datetime,
        "process_after": process_after,
        "repeat_at": repeat_at,
        "start_process": start_process,
        "duration": duration,
    }

class Price(BaseModel):
    amount: Decimal
    currency: str = "EUR"
    valid_from: date
    tags: frozenset[str] = frozenset()
    raw: bytes = b""

@app.post("/prices/")
async def create_price(price: Price):
    return price

class Image(BaseModel):
    url: str
    name: str

class Item(BaseModel):
    name: str
    images: list[Image] | None = None

@app.post("/images/multiple/")
async def create_multiple_images(images: list[Image]):
    return images

@app.put("/nested/{item_id}")
async def update_nested(item_id: int, item: Item):
    return {"item_id": item_id, "item": item}
