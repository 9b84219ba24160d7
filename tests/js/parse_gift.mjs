// Parse GIFT text from standard input with gift-pegjs and print the questions as JSON.
// Used by tests/test_export_gift.py to check exports against a real GIFT grammar.
// Exit 0 with the JSON array on stdout; exit 1 with a JSON error (message and location)
// on stderr if the text is not valid GIFT.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const { parse } = require("gift-pegjs");

const text = readFileSync(0, "utf8");
try {
  process.stdout.write(JSON.stringify(parse(text)));
} catch (error) {
  process.stderr.write(
    JSON.stringify({ message: String(error.message), location: error.location ?? null }),
  );
  process.exit(1);
}
