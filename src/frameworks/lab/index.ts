/** The "lab" package: helpers Framework Lab gives user code that has no framework to do it for them. */
export * from "./trace";
