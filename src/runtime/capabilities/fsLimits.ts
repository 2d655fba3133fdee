// Bounds on what one Fs call may do to the process, whatever the prefixes allow.

/** Largest file `Fs.read` returns (64 MiB); a larger one is an `Err`, never a partial read. */
export const FS_READ_LIMIT_BYTES = 64 * 1024 * 1024;

/** Bytes read per system call while reading a file whose size the kernel does not know (`/proc`). */
export const FS_READ_CHUNK_BYTES = 1024 * 1024;
