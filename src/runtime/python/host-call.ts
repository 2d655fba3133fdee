// The Python child's one door to its parent: a synchronous call that returns plain JSON or throws the gate's denial.
export type HostCall = (op: string, args: unknown[]) => unknown;
