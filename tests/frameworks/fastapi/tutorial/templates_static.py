"""Templates and static files as FastAPI's docs teach them: StaticFiles mounted at /static (and an
html=True site), Jinja2Templates with url_for for routes and static files, TemplateResponse with
the request, a context processor, a FileResponse, a status code and headers on a template."""
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel

app = FastAPI()

app.mount("/static", StaticFiles(directory="static"), name="static")
app.mount("/site", StaticFiles(directory="site", html=True), name="site")


def app_info(request: Request):
    return {"app_name": "Shop", "version": "1.0"}


templates = Jinja2Templates(directory="templates", context_processors=[app_info])


class Item(BaseModel):
    id: str
    name: str
    price: float


ITEMS = [Item(id="a1", name="Hammer <b>", price=9.5), Item(id="b2", name="Saw", price=12)]


@app.get("/items/{id}", response_class=HTMLResponse)
async def read_item(request: Request, id: str, q: str | None = None):
    if id == "missing":
        raise HTTPException(status_code=404, detail="Item not found")
    tags = ["new", "sale"] if q else []
    return templates.TemplateResponse(request=request, name="item.html", context={"id": id, "tags": tags, "note": "<i>escaped</i>"})


@app.get("/items/", response_class=HTMLResponse)
async def list_items(request: Request):
    return templates.TemplateResponse(request, "list.html", {"items": ITEMS}, status_code=203, headers={"X-Count": str(len(ITEMS))})


@app.get("/broken")
async def broken(request: Request):
    return templates.TemplateResponse(request, "nope.html")


@app.get("/download")
async def download():
    return FileResponse("static/css/style.css", filename="style copy.css")


@app.get("/inline")
async def inline():
    return FileResponse("static/css/style.css", media_type="text/plain", filename="style.css", content_disposition_type="inline")


@app.get("/gone")
async def gone():
    return FileResponse("static/gone.css")
