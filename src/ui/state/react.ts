/** The React binding of the store: a context holding the store and `useLab(selector)`. */
import { createContext, useContext } from "react";
import { useStore } from "zustand";
import type { LabState, LabStore } from "./store";

export const StoreContext = createContext<LabStore | null>(null);

export function useLabStore(): LabStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error("useLabStore() outside <StoreContext.Provider>");
  return store;
}

export function useLab<T>(selector: (state: LabState) => T): T {
  return useStore(useLabStore(), selector);
}
