"""FastAPI tutorial, Lifespan Events (a lifespan context manager loading a model before the app serves and yielding state the requests read, app.state, a router's own lifespan merged by include_router, an on_event handler ignored because the app has a lifespan), for real FastAPI; lifespan.main.ts.txt is the same app for the lab."""
from contextlib import asynccontextmanager
from fastapi import APIRouter, FastAPI, Request

def fake_answer_to_everything_ml_model(x: float):
    return x * 42

ml_models = {}
events = []

@asynccontextmanager
async def lifespan(app: FastAPI):
    # Load the ML model
    ml_models["answer_to_everything"] = fake_answer_to_everything_ml_model
    events.append("lifespan startup")
    yield {"greeting": "hello from the lifespan"}
    # Clean up the ML models and release the resources
    ml_models.clear()
    events.append("lifespan shutdown")

@asynccontextmanager
async def admin_lifespan(app: FastAPI):
    events.append("admin startup")
    yield {"admin_token": "s3cret"}
    events.append("admin shutdown")

app = FastAPI(lifespan=lifespan)
app.state.started_by = "lifespan.py"

@app.on_event("startup")
async def ignored_startup():
    events.append("on_event startup")

@app.get("/predict")
async def predict(x: float):
    result = ml_models["answer_to_everything"](x)
    return {"result": result}

@app.get("/state")
async def read_state(request: Request):
    return {"greeting": request.state.greeting, "admin_token": request.state.admin_token, "started_by": request.app.state.started_by, "events": events}

router = APIRouter(prefix="/admin", lifespan=admin_lifespan)

@router.get("/")
async def admin(request: Request):
    return {"token": request.state.admin_token}

app.include_router(router)
