"""FastAPI tutorial, Metadata and Docs URLs and Declare Request Example Data (app title, summary, description, version, terms of service, contact, license with an identifier, openapi_tags with descriptions and external docs, a moved openapi_url with docs off, examples in Field, in model_config and in Body, openapi_examples, a custom APIRoute class timing each request), for real FastAPI; metadata_examples.main.ts.txt is the same app for the lab."""
from typing import Annotated, Callable
from fastapi import Body, FastAPI, Request, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field

description = """
ChimichangApp API helps you do awesome stuff. 🚀

## Items

You can **read items**.
"""

tags_metadata = [
    {"name": "users", "description": "Operations with users. The **login** logic is also here."},
    {"name": "items", "description": "Manage items. So _fancy_ they have their own docs.", "externalDocs": {"description": "Items external docs", "url": "https://fastapi.tiangolo.com/"}},
]

app = FastAPI(
    title="ChimichangApp",
    description=description,
    summary="Deadpool's favorite app. Nuff said.",
    version="0.0.1",
    terms_of_service="http://example.com/terms/",
    contact={"name": "Deadpoolio the Amazing", "url": "http://x-force.example.com/contact/", "email": "dp@x-force.example.com"},
    license_info={"name": "Apache 2.0", "identifier": "MIT"},
    openapi_tags=tags_metadata,
    openapi_url="/api/v1/openapi.json",
    docs_url=None,
    redoc_url="/documentation",
)

class TimedRoute(APIRoute):
    def get_route_handler(self) -> Callable:
        original_route_handler = super().get_route_handler()

        async def custom_route_handler(request: Request) -> Response:
            response: Response = await original_route_handler(request)
            response.headers["X-Response-Timer"] = "timed"
            return response

        return custom_route_handler

app.router.route_class = TimedRoute

@app.get("/users/", tags=["users"])
async def get_users():
    return [{"name": "Harry"}, {"name": "Ron"}]

class Item(BaseModel):
    name: str = Field(examples=["Foo"])
    description: str | None = Field(default=None, examples=["A very nice Item"])
    price: float = Field(examples=[35.4])
    tax: float | None = Field(default=None, examples=[3.2])

@app.put("/items/{item_id}", tags=["items"])
async def update_item(item_id: int, item: Item):
    results = {"item_id": item_id, "item": item}
    return results

class Gadget(BaseModel):
    name: str
    price: float

    model_config = {"json_schema_extra": {"examples": [{"name": "Foo", "price": 35.4}]}}

@app.put("/gadgets/{gadget_id}", tags=["items"])
async def update_gadget(gadget_id: int, gadget: Annotated[Gadget, Body(examples=[{"name": "Bar", "price": 1.5}, {"name": "Baz", "price": "thirty five"}])]):
    return {"gadget_id": gadget_id, "gadget": gadget}

@app.put("/widgets/{widget_id}")
async def update_widget(
    widget_id: int,
    widget: Annotated[
        Gadget,
        Body(
            openapi_examples={
                "normal": {"summary": "A normal example", "description": "A **normal** item works correctly.", "value": {"name": "Foo", "price": 35.4}},
                "converted": {"summary": "An example with converted data", "description": "FastAPI can convert price `strings` to actual `numbers` automatically", "value": {"name": "Bar", "price": "35.4"}},
                "invalid": {"summary": "Invalid data is rejected with an error", "value": {"name": "Baz", "price": "thirty five"}},
            },
        ),
    ],
):
    return {"widget_id": widget_id, "widget": widget}
