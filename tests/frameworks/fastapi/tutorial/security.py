"""FastAPI tutorial, Security chapter (OAuth2PasswordBearer with a current-user dependency, "Simple OAuth2 with Password and Bearer" with OAuth2PasswordRequestForm, an inactive user, HTTPBasic checked with secrets.compare_digest, OAuth2 scopes with SecurityScopes and Security(), APIKeyQuery and APIKeyCookie, the OpenAPI document with its security schemes), for real FastAPI; security.main.ts.txt is the same app for the lab."""
import secrets
from typing import Annotated
from fastapi import Depends, FastAPI, HTTPException, Security, status
from fastapi.security import APIKeyCookie, APIKeyQuery, HTTPBasic, HTTPBasicCredentials, OAuth2PasswordBearer, OAuth2PasswordRequestForm, SecurityScopes
from pydantic import BaseModel

fake_users_db = {
    "johndoe": {"username": "johndoe", "full_name": "John Doe", "email": "johndoe@example.com", "hashed_password": "fakehashedsecret", "disabled": False},
    "alice": {"username": "alice", "full_name": "Alice Wonderson", "email": "alice@example.com", "hashed_password": "fakehashedsecret2", "disabled": True},
}

app = FastAPI()

def fake_hash_password(password: str):
    return "fakehashed" + password

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")

class User(BaseModel):
    username: str
    email: str | None = None
    full_name: str | None = None
    disabled: bool | None = None

class UserInDB(User):
    hashed_password: str

def get_user(db, username: str):
    if username in db:
        user_dict = db[username]
        return UserInDB(**user_dict)

def fake_decode_token(token):
    user = get_user(fake_users_db, token)
    return user

async def get_current_user(token: Annotated[str, Depends(oauth2_scheme)]):
    user = fake_decode_token(token)
    if not user:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Not authenticated",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return user

async def get_current_active_user(current_user: Annotated[User, Depends(get_current_user)]):
    if current_user.disabled:
        raise HTTPException(status_code=400, detail="Inactive user")
    return current_user

@app.post("/token")
async def login(form_data: Annotated[OAuth2PasswordRequestForm, Depends()]):
    user_dict = fake_users_db.get(form_data.username)
    if not user_dict:
        raise HTTPException(status_code=400, detail="Incorrect username or password")
    user = UserInDB(**user_dict)
    hashed_password = fake_hash_password(form_data.password)
    if not hashed_password == user.hashed_password:
        raise HTTPException(status_code=400, detail="Incorrect username or password")
    return {"access_token": user.username, "token_type": "bearer", "scope": form_data.scopes, "client_id": form_data.client_id}

@app.get("/users/me")
async def read_users_me(current_user: Annotated[User, Depends(get_current_active_user)]):
    return current_user

@app.get("/items/")
async def read_items(token: Annotated[str, Depends(oauth2_scheme)]):
    return {"token": token}

basic = HTTPBasic(realm="lab")

def get_current_username(credentials: Annotated[HTTPBasicCredentials, Depends(basic)]):
    current_username_bytes = credentials.username.encode("utf8")
    correct_username_bytes = b"stanleyjobson"
    is_correct_username = secrets.compare_digest(current_username_bytes, correct_username_bytes)
    current_password_bytes = credentials.password.encode("utf8")
    correct_password_bytes = b"swordfish"
    is_correct_password = secrets.compare_digest(current_password_bytes, correct_password_bytes)
    if not (is_correct_username and is_correct_password):
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Incorrect username or password",
            headers={"WWW-Authenticate": "Basic"},
        )
    return credentials.username

@app.get("/basic/me")
def read_current_user(username: Annotated[str, Depends(get_current_username)]):
    return {"username": username}

scoped_scheme = OAuth2PasswordBearer(tokenUrl="token", scopes={"me": "Read information about the current user.", "items": "Read items."}, scheme_name="Scoped")

async def get_scoped_user(security_scopes: SecurityScopes, token: Annotated[str, Depends(scoped_scheme)]):
    if security_scopes.scopes:
        authenticate_value = f'Bearer scope="{security_scopes.scope_str}"'
    else:
        authenticate_value = "Bearer"
    credentials_exception = HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail="Could not validate credentials",
        headers={"WWW-Authenticate": authenticate_value},
    )
    username, _, scope_text = token.partition(":")
    user = get_user(fake_users_db, username)
    if user is None:
        raise credentials_exception
    token_scopes = scope_text.split()
    for scope in security_scopes.scopes:
        if scope not in token_scopes:
            raise HTTPException(
                status_code=status.HTTP_401_UNAUTHORIZED,
                detail="Not enough permissions",
                headers={"WWW-Authenticate": authenticate_value},
            )
    return user

async def get_scoped_active_user(current_user: Annotated[User, Security(get_scoped_user, scopes=["me"])]):
    if current_user.disabled:
        raise HTTPException(status_code=400, detail="Inactive user")
    return current_user

@app.get("/scoped/me/", response_model=User)
async def scoped_me(current_user: Annotated[User, Security(get_scoped_active_user)]):
    return current_user

@app.get("/scoped/me/items/")
async def scoped_items(current_user: Annotated[User, Security(get_scoped_active_user, scopes=["items"])]):
    return [{"item_id": "Foo", "owner": current_user.username}]

@app.get("/scoped/status/")
async def scoped_status(current_user: Annotated[User, Depends(get_scoped_user)]):
    return {"status": "ok", "user": current_user.username}

query_key = APIKeyQuery(name="api_key", auto_error=False)
cookie_key = APIKeyCookie(name="session")

@app.get("/keys/")
async def keys(q: Annotated[str | None, Depends(query_key)], c: Annotated[str, Depends(cookie_key)]):
    return {"query": q, "cookie": c}
