// The file descriptors of the sandboxed Python child on which it reads the bridge's requests and
// writes its replies (the two FIFOs of bridge.ts, placed there by the relay). Not 0 and 1: Node
// makes a standard stream non-blocking once it is touched, and the child reads with blocking calls.
export const REQUEST_FD = 3;
export const REPLY_FD = 4;
/** The requests FIFO again, opened non-blocking: polled briefly before a blocking read (lineReader.ts). */
export const REQUEST_POLL_FD = 5;
