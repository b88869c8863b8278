/** The trace package: the span contract, the recorder frameworks write into, and exports. */
export * from "./span";
export * from "./recorder";
export * from "./chrome";
export * from "./sql";
export * from "./runs";
