import { describe, expect, it } from "vitest";
import { async_to_sync, sync_form_of, sync_to_async, with_sync_form } from "../../../src/frameworks/asgiref/sync";

describe("async_to_sync", () => {
  it("calls the synchronous form of a function that has one, so the call completes before it returns", () => {
    const log: string[] = [];
    const group_send = with_sync_form(async (group: string) => void log.push(`async ${group}`), (group: string) => void log.push(`sync ${group}`));
    async_to_sync(group_send)("lobby");
    expect(log).toEqual(["sync lobby"]);
  });

  it("unwraps sync_to_async: async_to_sync(sync_to_async(f)) is f", () => {
    const f = (a: number, b: number) => a + b;
    expect(sync_form_of(sync_to_async(f))).toBe(f);
    expect(async_to_sync(sync_to_async(f))(2, 3)).toBe(5);
  });

  it("inside sync_to_async, an awaitable without a synchronous form is awaited before the wrapper returns, in order", async () => {
    const log: string[] = [];
    const send = async (m: string) => {
      await Promise.resolve();
      log.push(`sent ${m}`);
    };
    const handler = sync_to_async(() => {
      async_to_sync(send)("one");
      async_to_sync(send)("two");
      log.push("handler returned");
    });
    await handler();
    expect(log).toEqual(["handler returned", "sent one", "sent two"]);
  });

  it("an error from such an awaitable reaches whoever awaits the sync_to_async call", async () => {
    const fail = async () => {
      throw new RangeError("closed");
    };
    await expect(sync_to_async(() => async_to_sync(fail)())()).rejects.toThrow("closed");
  });

  it("keeps `this` for methods", async () => {
    const obj = {
      n: 4,
      twice: sync_to_async(function (this: { n: number }) {
        return this.n * 2;
      }),
    };
    expect(await obj.twice()).toBe(8);
  });
});
