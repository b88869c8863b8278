"""FastAPI tutorial, first steps to request bodies (path, query, enum, path convertor, bodies, Query/Path/Body validations, HTTPException), for real FastAPI; basics.main.ts.txt is the same app for the lab."""
from enum import Enum
from typing import Annotated
from fastapi import FastAPI, Query, Path, Body, HTTPException
from pydantic import BaseModel, Field

class ModelName(str, Enum):
    alexnet = "alexnet"
    resnet = "resnet"
    lenet = "lenet"

class Item(BaseModel):
    name: str
    description: str | None = None
    price: float
    tax: float | None = None

app = FastAPI()
fake_items_db = [{"item_name": "Foo"}, {"item_name": "Bar"}, {"item_name": "Baz"}]

@app.get("/")
async def root():
    return {"message": "Hello World"}

@app.get("/items/{item_id}")
async def read_item(item_id: int, q: str | None = None, short: bool = False):
    item = {"item_id": item_id}
    if q:
        item.update({"q": q})
    if not short:
        item.update({"description": "This is an amazing item that has a long description"})
    return item

@app.get("/users/me")
async def read_user_me():
    return {"user_id": "the current user"}

@app.get("/users/{user_id}")
async def read_user(user_id: str):
    return {"user_id": user_id}

@app.get("/models/{model_name}")
async def get_model(model_name: ModelName):
    if model_name is ModelName.alexnet:
        return {"model_name": model_name, "message": "Deep Learning FTW!"}
    if model_name.value == "lenet":
        return {"model_name": model_name, "message": "LeCNN all the images"}
    return {"model_name": model_name, "message": "Have some residuals"}

@app.get("/files/{file_path:path}")
async def read_file(file_path: str):
    return {"file_path": file_path}

@app.get("/list/")
async def list_items(skip: int = 0, limit: int = 10):
    return fake_items_db[skip : skip + limit]

@app.get("/needy/{item_id}")
async def read_user_item(item_id: str, needy: str, skip: int = 0, limit: int | None = None):
    return {"item_id": item_id, "needy": needy, "skip": skip, "limit": limit}

@app.post("/items/")
async def create_item(item: Item):
    item_dict = item.model_dump()
    if item.tax is not None:
        price_with_tax = item.price + item.tax
        item_dict.update({"price_with_tax": price_with_tax})
    return item_dict

@app.put("/items/{item_id}")
async def update_item(item_id: int, item: Item, q: str | None = None):
    result = {"item_id": item_id, **item.model_dump()}
    if q:
        result.update({"q": q})
    return result

@app.get("/search/")
async def search(q: Annotated[str | None, Query(min_length=3, max_length=50, pattern="^fixedquery$")] = None):
    results = {"items": [{"item_id": "Foo"}, {"item_id": "Bar"}]}
    if q:
        results.update({"q": q})
    return results

@app.get("/multi/")
async def multi(q: Annotated[list[str], Query()] = ["foo", "bar"]):
    return {"q": q}

@app.get("/alias/")
async def alias(q: Annotated[str | None, Query(alias="item-query", title="Query string", description="desc", deprecated=True)] = None):
    return {"q": q}

@app.get("/num/{item_id}")
async def num(item_id: Annotated[int, Path(title="The ID of the item to get", ge=0, le=1000)], size: Annotated[float, Query(gt=0, lt=10.5)]):
    return {"item_id": item_id, "size": size}

class User(BaseModel):
    username: str
    full_name: str | None = None

@app.put("/multi-body/{item_id}")
async def multi_body(item_id: int, item: Item, user: User, importance: Annotated[int, Body(gt=0)]):
    return {"item_id": item_id, "item": item, "user": user, "importance": importance}

@app.put("/embed/{item_id}")
async def embed(item_id: int, item: Annotated[Item, Body(embed=True)]):
    return {"item_id": item_id, "item": item}

@app.get("/missing/{item_id}")
async def missing(item_id: str):
    if item_id != "foo":
        raise HTTPException(status_code=404, detail="Item not found", headers={"X-Error": "There goes my error"})
    return {"item": "The Foo Wrestlers"}
