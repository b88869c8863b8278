/** The session (runtime calls) and the scenario library for components: provided once by boot.tsx. */
import { createContext, useContext } from "react";
import type { Session } from "./session";
import type { ScenarioLibrary } from "./share/library";

export const SessionContext = createContext<Session | null>(null);
export const LibraryContext = createContext<ScenarioLibrary | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession() outside <SessionContext.Provider>");
  return session;
}

export function useLibrary(): ScenarioLibrary {
  const library = useContext(LibraryContext);
  if (!library) throw new Error("useLibrary() outside <LibraryContext.Provider>");
  return library;
}
