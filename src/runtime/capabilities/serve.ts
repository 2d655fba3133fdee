// The Serve capability: inbound TCP on a bound address, as the reference: connection-level (bytes
// in, bytes out; HTTP is ordinary Capa code), sequential (one open connection at a time), every
// wait bounded. Restrictions are a conjunctive set of `addr:port` rules; `listen` passes `gate`
// before any socket exists. State (the listener, the open connection) lives in this closure and
// never survives `restrict_to`, which returns a fresh, unbound Serve.
import type { Host } from "./host.js";
import { sealCapability } from "./brand.js";
import { describeOsError, fail, ok, type IoErrorValue, type IoResult } from "./ioResult.js";
import { serveMessages } from "./messages.js";
import { openListenerSession, type ListenerSession, type SocketReply } from "./serveSocket.js";
import { parseServeRule, ruleAdmits, ruleText, type ServeRule } from "./serveRules.js";

export interface ServeCapability {
  restrict_to(spec: string): ServeCapability;
  allows(addr: string, port: bigint): boolean;
  listen(addr: string, port: bigint): IoResult<undefined>;
  local_port(): IoResult<bigint>;
  accept(): IoResult<bigint>;
  recv(conn: bigint, maxBytes: bigint): IoResult<bigint[]>;
  send(conn: bigint, bytes: bigint[]): IoResult<undefined>;
  close(conn: bigint): IoResult<undefined>;
  stop(): IoResult<undefined>;
}

export interface ServeLimits {
  acceptTimeoutMs: number;
  connTimeoutMs: number;
  /** Largest single recv, whatever the program asks for. */
  maxReadBytes: number;
  backlog: number;
}

export const DEFAULT_SERVE_LIMITS: ServeLimits = Object.freeze({ acceptTimeoutMs: 30_000, connTimeoutMs: 30_000, maxReadBytes: 1 << 20, backlog: 8 });

const isValidPort = (port: bigint): boolean => port >= 0n && port <= 65535n;

/** Python's OSError text for a socket failure reported by the worker. */
function osText(reply: { code: string | null; message: string }): string {
  const { errno, text } = describeOsError({ code: reply.code ?? undefined });
  return errno === null ? reply.message : `[Errno ${errno}] ${text}`;
}

/** `rules === null` is unrestricted. */
function makeServe(host: Host, rules: readonly ServeRule[] | null, limits: ServeLimits): ServeCapability {
  let session: ListenerSession | null = null;
  let boundPort = 0;
  let openConn: bigint | null = null;
  let nextConn = 1n;

  const permits = (addr: string, port: bigint): boolean =>
    isValidPort(port) && (rules === null || rules.every((r) => ruleAdmits(r, addr, Number(port))));
  const shown = (): string[] | null => (rules === null ? null : [...new Set(rules.map(ruleText))].sort());

  /** The one gate for binding: port validity, then the rules; no socket exists yet. */
  const gate = (addr: string, port: bigint): IoErrorValue | null => {
    const error = !isValidPort(port) ? serveMessages.invalidPort(port) : permits(addr, port) ? null : serveMessages.denied(addr, Number(port), shown());
    host.observeGate?.("Serve", "listen", error === null);
    return error;
  };

  const unknown = (conn: bigint): IoResult<never> => fail(serveMessages.unknownConnection(conn));
  /** Operations on an existing listener decide no authority (listen did), but are still operations of Serve. */
  const observe = (method: keyof ServeCapability): void => host.observeGate?.("Serve", method, true);
  const isOpen = (conn: bigint): boolean => session !== null && openConn !== null && conn === openConn;

  const call = (request: Parameters<ListenerSession["call"]>[0], timeoutMs: number): SocketReply =>
    session!.call(request, timeoutMs);

  return sealCapability(
    "Serve",
    {
      restrict_to: (spec: string): ServeCapability => makeServe(host, [...(rules ?? []), parseServeRule(spec)], limits),

      allows(addr: string, port: bigint): boolean {
        const verdict = permits(addr, port);
        host.observeGate?.("Serve", "allows", verdict);
        return verdict;
      },

      listen(addr: string, port: bigint): IoResult<undefined> {
        const denied = gate(addr, port);
        if (denied !== null) return fail(denied);
        if (session !== null) return fail(serveMessages.alreadyListening());
        const opened = openListenerSession(limits.backlog, limits.maxReadBytes);
        const reply = opened.call({ op: "listen", addr, port: Number(port) }, limits.acceptTimeoutMs);
        if (reply.kind !== "ok") {
          opened.close();
          return fail(serveMessages.listenFailed(addr, Number(port), reply.kind === "error" ? osText(reply) : "timed out"));
        }
        session = opened;
        boundPort = reply.port ?? 0;
        return ok(undefined);
      },

      local_port(): IoResult<bigint> {
        observe("local_port");
        return session === null ? fail(serveMessages.notListening()) : ok(BigInt(boundPort));
      },

      accept(): IoResult<bigint> {
        observe("accept");
        if (session === null) return fail(serveMessages.notListening());
        if (openConn !== null) return fail(serveMessages.oneConnection());
        const id = nextConn;
        const reply = call({ op: "accept", id: Number(id), timeoutMs: limits.acceptTimeoutMs }, limits.acceptTimeoutMs);
        if (reply.kind === "timeout") return fail(serveMessages.acceptTimedOut(limits.acceptTimeoutMs / 1000));
        if (reply.kind === "error") return fail(serveMessages.acceptFailed(osText(reply)));
        nextConn += 1n;
        openConn = id;
        return ok(id);
      },

      recv(conn: bigint, maxBytes: bigint): IoResult<bigint[]> {
        observe("recv");
        if (!isOpen(conn)) return unknown(conn);
        if (maxBytes <= 0n) return fail(serveMessages.readSizeNotPositive(maxBytes));
        const max = maxBytes > BigInt(limits.maxReadBytes) ? limits.maxReadBytes : Number(maxBytes);
        const reply = call({ op: "recv", id: Number(conn), max, timeoutMs: limits.connTimeoutMs }, limits.connTimeoutMs);
        if (reply.kind === "timeout") return fail(serveMessages.readTimedOut(limits.connTimeoutMs / 1000));
        if (reply.kind === "error") return fail(serveMessages.readFailed(osText(reply)));
        return ok((reply.bytes ?? []).map((b) => BigInt(b)));
      },

      send(conn: bigint, bytes: bigint[]): IoResult<undefined> {
        observe("send");
        if (!isOpen(conn)) return unknown(conn);
        const payload = bytes.map((b) => Number(BigInt.asUintN(8, b)));
        const reply = call({ op: "send", id: Number(conn), bytes: payload, timeoutMs: limits.connTimeoutMs }, limits.connTimeoutMs);
        if (reply.kind === "timeout") return fail(serveMessages.sendTimedOut(limits.connTimeoutMs / 1000));
        if (reply.kind === "error") return fail(serveMessages.sendFailed(osText(reply)));
        return ok(undefined);
      },

      close(conn: bigint): IoResult<undefined> {
        observe("close");
        if (!isOpen(conn)) return unknown(conn);
        call({ op: "close", id: Number(conn) }, limits.connTimeoutMs);
        openConn = null;
        return ok(undefined);
      },

      stop(): IoResult<undefined> {
        observe("stop");
        if (session === null) return fail(serveMessages.notListening());
        call({ op: "stop" }, limits.connTimeoutMs);
        session.close();
        session = null;
        openConn = null;
        return ok(undefined);
      },
    },
    () => `Serve(${rules === null ? "unrestricted" : JSON.stringify(shown())})`,
  );
}

/** A fresh, unrestricted, unbound Serve bound to `host`. */
export function createServe(host: Host, limits: ServeLimits = DEFAULT_SERVE_LIMITS): ServeCapability {
  return makeServe(host, null, limits);
}
