// Loads chevrotain from the package's single-file ESM bundle. The package's default entry pulls
// in hundreds of lodash-es modules (~500 ms of start-up on this machine); the bundle it ships
// beside it is the same code in one file (~1 ms). Everything in src/syntax imports from here.

import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

type Chevrotain = typeof import("chevrotain");

const entry = createRequire(import.meta.url).resolve("chevrotain"); // <pkg>/lib/src/api.js
const chevrotain: Chevrotain = await import(pathToFileURL(join(dirname(entry), "..", "chevrotain.mjs")).href);

export const { createToken, createTokenInstance, Lexer, EmbeddedActionsParser, isRecognitionException, EOF } = chevrotain;
export type { DSLMethodOpts, IOrAlt, IToken, ITokenConfig, OrMethodOpts, TokenType, IRecognitionException } from "chevrotain";
export type EmbeddedActionsParser = import("chevrotain").EmbeddedActionsParser;
export type Lexer = import("chevrotain").Lexer;
