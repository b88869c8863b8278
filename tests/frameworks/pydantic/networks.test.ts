/**
 * pydantic.networks: HttpUrl, AnyHttpUrl and AnyUrl as fields, against pydantic 2.13.5
 * (networks.recorded.json, from networks_record.py): the normalised text, repr and parts of each
 * URL accepted, every error of each URL refused (type, message, ctx), the JSON dump and the schema.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AnyHttpUrl, AnyUrl, BaseModel, EmailStr, HttpUrl, ValidationError } from "../../../src/frameworks/pydantic";
import { py_repr } from "../../../src/frameworks/python/builtins";

type Case = { cls: string; input?: unknown; errors?: unknown[]; schema?: unknown; [k: string]: unknown };
const cases: Case[] = JSON.parse(readFileSync(join(import.meta.dirname, "networks.recorded.json"), "utf8"));
const CLASSES = { HttpUrl, AnyHttpUrl, AnyUrl } as const;

function model_for(cls: typeof AnyUrl) {
  return class M extends BaseModel {
    static fields = { u: cls };
  };
}

describe("URL fields as pydantic 2.13.5 validates and dumps them", () => {
  for (const [name, cls] of Object.entries(CLASSES)) {
    const M = model_for(cls) as any;
    for (const c of cases.filter((x) => x.cls === name)) {
      if (c.schema !== undefined) {
        it(`${name}: the model's JSON schema`, () => expect(M.model_json_schema()).toEqual(c.schema));
        continue;
      }
      it(`${name}(${JSON.stringify(c.input)?.slice(0, 60)})`, () => {
        if (c.errors) {
          let caught: unknown;
          try {
            M.model_validate({ u: c.input });
          } catch (e) {
            caught = e;
          }
          expect(caught).toBeInstanceOf(ValidationError);
          expect(JSON.parse((caught as ValidationError).json({ include_url: false }))).toEqual(c.errors);
          return;
        }
        const m = M.model_validate({ u: c.input });
        const u = m.u as AnyUrl;
        expect(u).toBeInstanceOf(cls);
        expect({ str: String(u), repr: py_repr(u), scheme: u.scheme, host: u.host, port: u.port, path: u.path, query: u.query, fragment: u.fragment, username: u.username, password: u.password, json: m.model_dump_json() }).toEqual({
          str: c.str, repr: c.repr, scheme: c.scheme, host: c.host, port: c.port, path: c.path, query: c.query, fragment: c.fragment, username: c.username, password: c.password, json: c.json,
        });
      });
    }
  }
});

describe("EmailStr as pydantic 2.13.5 with email-validator 2.3.0 validates it", () => {
  class E extends BaseModel {
    static fields = { e: EmailStr };
  }
  const M = E as any;
  for (const c of cases.filter((x) => x.cls === "EmailStr")) {
    if (c.schema !== undefined) {
      it("the model's JSON schema", () => expect(M.model_json_schema()).toEqual(c.schema));
      continue;
    }
    it(`EmailStr(${JSON.stringify(c.input)?.slice(0, 60)})`, () => {
      if (c.errors) {
        let caught: unknown;
        try {
          M.model_validate({ e: c.input });
        } catch (e) {
          caught = e;
        }
        expect(caught).toBeInstanceOf(ValidationError);
        expect(JSON.parse((caught as ValidationError).json({ include_url: false }))).toEqual(c.errors);
        return;
      }
      expect(M.model_validate({ e: c.input }).e).toBe(c.str);
    });
  }
});
