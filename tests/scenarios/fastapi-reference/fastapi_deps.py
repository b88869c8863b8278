"""The built-in scenario fastapi-deps (src/scenarios/fastapi-deps.ts) written for real FastAPI."""
from typing import Annotated
from fastapi import BackgroundTasks, Depends, FastAPI, Header, HTTPException, Query

class Session:
    def __init__(self, id): self.id = id

def get_db():
    db = Session(1)
    try:
        yield db
    finally:
        pass

async def verify_token(x_token: Annotated[str | None, Header()] = None):
    if x_token != "secret-token":
        raise HTTPException(401, "Invalid X-Token header", {"WWW-Authenticate": "Token"})
    return x_token

async def current_user(token: Annotated[str, Depends(verify_token)]):
    return {"name": "ada", "token": token}

def pagination(skip: Annotated[int, Query(ge=0)] = 0, limit: Annotated[int, Query(le=100)] = 10):
    return {"skip": skip, "limit": limit}

app = FastAPI(title="Dependencies")

@app.get("/users/")
async def list_users(db=Depends(get_db), token=Depends(verify_token), user=Depends(current_user), page=Depends(pagination)):
    return {}

def write_notification(email, message): pass

@app.post("/send-notification/{email}")
async def send_notification(email: str, background_tasks: BackgroundTasks, token=Depends(verify_token)):
    return {"message": "Notification sent in the background"}
