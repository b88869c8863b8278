"""The built-in scenario fastapi-items (src/scenarios/fastapi-items.ts) written for real FastAPI."""
from typing import Annotated
from fastapi import FastAPI, HTTPException, Path, Query
from pydantic import BaseModel

class Item(BaseModel):
    name: str
    price: float
    description: str | None = None

app = FastAPI(title="My API", version="1.0.0")
items = {1: Item(name="Hammer", price=12.5, description="Claw hammer")}

@app.get("/items/{item_id}", response_model=Item)
async def read_item(item_id: Annotated[int, Path(gt=0)], q: Annotated[str | None, Query(max_length=50)] = None):
    if item_id not in items:
        raise HTTPException(404, "Item not found")
    return items[item_id]

@app.post("/items/", response_model=Item, status_code=201)
async def create_item(item: Item):
    return item
