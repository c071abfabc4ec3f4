// `TerminalSafe` (the one set of terminal escaping rules) lives in the dependency-free
// `TerminalEscaping` target so `TerminalKit` shares it without importing the cookie engine;
// re-exported here so every `import CookieCore` keeps seeing it.
@_exported import TerminalEscaping
