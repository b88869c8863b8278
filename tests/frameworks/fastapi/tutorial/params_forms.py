"""FastAPI tutorial, parameter models, forms, body updates and path operation configuration (query, header and cookie parameter models, extra="forbid", Form fields and a form model, Body() singular values and embed, PUT with jsonable_encoder and PATCH with exclude_unset and model_copy, tags from an Enum, summary, a docstring as description, response_description, deprecated, the OpenAPI document), for real FastAPI; params_forms.main.ts.txt is the same app for the lab."""
from enum import Enum
from typing import Annotated, Literal
from fastapi import Body, Cookie, FastAPI, Form, Header, Path, Query, status
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel, Field

app = FastAPI()

class FilterParams(BaseModel):
    model_config = {"extra": "forbid"}

    limit: int = Field(100, gt=0, le=100)
    offset: int = Field(0, ge=0)
    order_by: Literal["created_at", "updated_at"] = "created_at"
    tags: list[str] = []

@app.get("/items/")
async def read_items(filter_query: Annotated[FilterParams, Query()]):
    return filter_query

class CommonHeaders(BaseModel):
    host: str
    save_data: bool
    if_modified_since: str | None = None
    traceparent: str | None = None
    x_tag: list[str] = []

@app.get("/headers/")
async def read_headers(headers: Annotated[CommonHeaders, Header()]):
    return headers

class Cookies(BaseModel):
    model_config = {"extra": "forbid"}

    session_id: str
    fatebook_tracker: str | None = None
    googall_tracker: str | None = None

@app.get("/cookies/")
async def read_cookies(cookies: Annotated[Cookies, Cookie()]):
    return cookies

@app.post("/login/")
async def login(username: Annotated[str, Form()], password: Annotated[str, Form()]):
    return {"username": username}

class FormData(BaseModel):
    username: str
    password: str
    model_config = {"extra": "forbid"}

@app.post("/login-model/")
async def login_model(data: Annotated[FormData, Form()]):
    return data

class Item(BaseModel):
    name: str | None = None
    description: str | None = None
    price: float | None = None
    tax: float = 10.5
    tags: list[str] = []

class User(BaseModel):
    username: str
    full_name: str | None = None

@app.put("/combined/{item_id}")
async def update_combined(
    item_id: Annotated[int, Path(title="The ID of the item to get", ge=0, le=1000)],
    item: Item,
    user: User,
    importance: Annotated[int, Body(gt=0)],
    q: str | None = None,
):
    results = {"item_id": item_id, "item": item, "user": user, "importance": importance}
    if q:
        results.update({"q": q})
    return results

@app.put("/embedded/{item_id}")
async def update_embedded(item_id: int, item: Annotated[Item, Body(embed=True)]):
    results = {"item_id": item_id, "item": item}
    return results

items = {
    "foo": {"name": "Foo", "price": 50.2},
    "bar": {"name": "Bar", "description": "The bartenders", "price": 62, "tax": 20.2},
    "baz": {"name": "Baz", "description": None, "price": 50.2, "tax": 10.5, "tags": []},
}

@app.get("/stored/{item_id}", response_model=Item)
async def read_stored(item_id: str):
    return items[item_id]

@app.put("/stored/{item_id}", response_model=Item)
async def update_stored(item_id: str, item: Item):
    update_item_encoded = jsonable_encoder(item)
    items[item_id] = update_item_encoded
    return update_item_encoded

@app.patch("/stored/{item_id}", response_model=Item)
async def patch_stored(item_id: str, item: Item):
    stored_item_data = items[item_id]
    stored_item_model = Item(**stored_item_data)
    update_data = item.model_dump(exclude_unset=True)
    updated_item = stored_item_model.model_copy(update=update_data)
    items[item_id] = jsonable_encoder(updated_item)
    return updated_item

class Tags(Enum):
    items = "items"
    users = "users"

@app.post("/config/items/", response_model=Item, status_code=status.HTTP_201_CREATED, tags=["items"], summary="Create an item", response_description="The created item")
async def create_item(item: Item):
    """
    Create an item with all the information:

    - **name**: each item must have a name
    - **description**: a long description
    - **price**: required
    - **tax**: if the item doesn't have tax, you can omit this
    - **tags**: a set of unique tag strings for this item
    \f
    :param item: User input.
    """
    return item

@app.get("/config/users/", tags=[Tags.users])
async def read_users():
    return [{"username": "johndoe"}]

@app.get("/config/elements/", tags=["items"], deprecated=True)
async def read_elements():
    return [{"item_id": "Foo"}]

@app.get("/config/described/", description="Read things, described in the decorator", operation_id="read_described_things")
async def read_described(
    q: Annotated[str | None, Query(alias="item-query", title="Query string", description="Query string for the items", min_length=3, max_length=50, pattern="^fixedquery$", deprecated=True)] = None,
    hidden_query: Annotated[str | None, Query(include_in_schema=False)] = None,
    strange_header: Annotated[str | None, Header(convert_underscores=False)] = None,
):
    return {"q": q, "hidden_query": hidden_query, "strange_header": strange_header}
