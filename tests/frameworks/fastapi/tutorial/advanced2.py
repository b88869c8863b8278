"""FastAPI advanced user guide, part two (additional responses in OpenAPI with a model and extra media types, response cookies and headers set on the Response parameter and on a returned JSONResponse, the status code changed through the Response parameter, a returned Response with jsonable_encoder, dependency_overrides, operation ids from route names, openapi_extra, an HTTPSRedirectMiddleware-free app behind a proxy with root_path, extending the OpenAPI schema with app.openapi), for real FastAPI; advanced2.main.ts.txt is the same app for the lab."""
from datetime import datetime
from typing import Annotated
from fastapi import Depends, FastAPI, Response, status
from fastapi.encoders import jsonable_encoder
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel

app = FastAPI(root_path="/api/v1")

class Item(BaseModel):
    id: str
    value: str

class Message(BaseModel):
    message: str

@app.get("/items/{item_id}", response_model=Item, responses={404: {"model": Message, "description": "The item was not found"}, 200: {"description": "Item requested by ID", "content": {"image/png": {}}}})
async def read_item(item_id: str):
    if item_id == "foo":
        return {"id": "foo", "value": "there goes my hero"}
    return JSONResponse(status_code=404, content={"message": "Item not found"})

@app.post("/cookie-and-object/")
def create_cookie(response: Response):
    response.set_cookie(key="fakesession", value="fake-cookie-session-value", max_age=60, httponly=True, samesite="strict")
    return {"message": "Come to the dark side, we have cookies"}

@app.post("/cookie/")
def create_cookie_response():
    content = {"message": "Come to the dark side, we have cookies"}
    response = JSONResponse(content=content)
    response.set_cookie(key="fakesession", value="fake-cookie-session-value")
    return response

@app.get("/headers-and-object/")
def get_headers(response: Response):
    response.headers["X-Cat-Dog"] = "alone in the world"
    return {"message": "Hello World"}

@app.get("/headers/")
def get_headers_response():
    content = {"message": "Hello World"}
    headers = {"X-Cat-Dog": "alone in the world", "Content-Language": "en-US"}
    return JSONResponse(content=content, headers=headers)

tasks = {"foo": "Listen to the Bar Fighters"}

@app.put("/get-or-create-task/{task_id}", status_code=200)
def get_or_create_task(task_id: str, response: Response):
    if task_id not in tasks:
        tasks[task_id] = "This didn't exist before"
        response.status_code = status.HTTP_201_CREATED
    return tasks[task_id]

class Stamped(BaseModel):
    title: str
    timestamp: datetime
    description: str | None = None

@app.put("/stamped/{id}")
def update_stamped(id: str, item: Stamped):
    json_compatible_item_data = jsonable_encoder(item)
    return JSONResponse(content=json_compatible_item_data)

async def common_parameters(q: str | None = None, skip: int = 0, limit: int = 100):
    return {"q": q, "skip": skip, "limit": limit}

@app.get("/users/")
async def read_users(commons: Annotated[dict, Depends(common_parameters)]):
    return {"message": "Hello Users!", "params": commons}

async def override_dependency(q: str | None = None):
    return {"q": q, "skip": 5, "limit": 10}

app.dependency_overrides[common_parameters] = override_dependency

@app.get("/extra/", openapi_extra={"x-aperture-labs-portal": "blue"})
async def read_extra():
    return [{"item_id": "portal-gun"}]

@app.get("/app")
def read_main(request_info: Annotated[str, Depends(lambda: "info")]):
    return {"message": "Hello World", "root_path": app.root_path}

def use_route_names_as_operation_ids(app: FastAPI) -> None:
    for route in app.routes:
        if isinstance(route, APIRoute):
            route.operation_id = route.name

use_route_names_as_operation_ids(app)

def custom_openapi():
    if app.openapi_schema:
        return app.openapi_schema
    openapi_schema = get_openapi(title="Custom title", version="2.5.0", summary="This is a very custom OpenAPI schema", description="Here's a longer description of the custom **OpenAPI** schema", routes=app.routes)
    openapi_schema["info"]["x-logo"] = {"url": "https://fastapi.tiangolo.com/img/logo-margin/logo-teal.png"}
    app.openapi_schema = openapi_schema
    return app.openapi_schema

app.openapi = custom_openapi
