import CookieCore
import Inspector
import TerminalKit

// Drives `update` + `render` over an in-memory jar of 1,000,000 cookies (or the count given
// as the first argument) and prints how long each step takes. Run in release:
//   swift run -c release InspectorBenchmark [count]
// Figures are recorded in Benchmarks/README-ui.md.

let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1_000_000 : 1_000_000
let now = Instant(seconds: 1_795_000_000)
let clock = ContinuousClock()

func ms(_ d: Duration) -> String {
  let v = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
  return String(format: "%8.2f ms", v)
}

/// A deterministic jar: 20,000 domains, names from a small vocabulary plus a counter,
/// values like session ids, a tenth expired, a fifth session cookies.
func makeJar(_ n: Int) -> [Cookie] {
  var out: [Cookie] = []
  out.reserveCapacity(n)
  let names = ["sid", "lang", "theme", "_ga", "_gid", "csrftoken", "session", "consent", "uid", "pref"]
  var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
  func next() -> UInt64 {
    seed ^= seed << 13
    seed ^= seed >> 7
    seed ^= seed << 17
    return seed
  }
  for i in 0..<n {
    let r = next()
    let domain = "site\(r % 20000).example\(r % 7).com"
    let name = names[Int(r >> 8) % names.count] + String(i)
    let value = String(r, radix: 36) + String(next(), radix: 16)
    let kind = Int(r >> 20) % 10
    let expires: Instant? =
      kind < 2 ? nil : now.adding(seconds: kind == 9 ? -Int64(r % 86400_00) : Int64(r % 86400_000))
    out.append(
      Cookie(
        name: name, value: value, domain: domain, hostOnly: (r & 1) == 0, path: "/", expires: expires,
        secure: (r & 2) != 0, httpOnly: (r & 4) != 0,
        sameSite: SameSite(rawValue: UInt8(r >> 3 & 3)) ?? .unset,
        sourceFile: "bench.txt", sourceLine: Int32(i + 1)))
  }
  return out
}

var rows: [(String, String)] = []
@MainActor func record(_ what: String, _ d: Duration) {
  rows.append((what, ms(d)))
  print(String(repeating: " ", count: max(0, 46 - what.count)) + what + "  " + ms(d))
}

let t0 = clock.now
let jar = makeJar(count)
let tJar = clock.now - t0
print("generated \(count) cookies in \(ms(tJar)) (not part of the first frame: a reader's work)")

var buf = Buffer(width: 160, height: 48)
let t1 = clock.now
var loaded: CookieStore? = CookieStore(loading: jar)
let tStore = clock.now - t1
record("store: CookieStore(loading:) (identity index)", tStore)
do {
  // The first frame as before: counts, expiry index and rows all done before it.
  let t = clock.now
  let whole = AppState(
    store: loaded!, now: now, files: [OpenFile(name: "bench.txt", format: .netscape)], width: 160, height: 48)
  render(whole, into: &buf)
  record("state + render, everything at once", clock.now - t)
}
let t2 = clock.now
var state = AppState(
  store: loaded!, now: now, files: [OpenFile(name: "bench.txt", format: .netscape)], width: 160, height: 48,
  backgroundWork: true)
render(state, into: &buf)
let tState = clock.now - t2
// The state holds the only reference: an edit does not copy the store.
loaded = nil
record("state + render, counts in the background", tState)
record("first frame (store + state + render)", tStore + tState)
do {
  var slices = 0
  var worstSlice = Duration.zero
  let start = clock.now
  while state.hasPendingWork {
    let s = clock.now
    _ = update(&state, .work)
    render(state, into: &buf)
    worstSlice = max(worstSlice, clock.now - s)
    slices += 1
  }
  record("  … then \(slices) slices of counting, worst slice", worstSlice)
  record("  … all slices together", clock.now - start)
}

/// Times one message followed by a render (what one keystroke costs on screen).
@MainActor func key(_ label: String, _ k: Key, repeat n: Int = 1) {
  var worst = Duration.zero
  var total = Duration.zero
  for _ in 0..<n {
    let s = clock.now
    _ = update(&state, .key(k))
    render(state, into: &buf)
    let d = clock.now - s
    total += d
    worst = max(worst, d)
  }
  record(label + (n > 1 ? " (worst of \(n))" : ""), worst)
  _ = total
  // Filtering, sorting and recounting a large jar go on in slices between keystrokes (`Msg.work`).
  if state.hasPendingWork {
    var slices = 0
    var worstSlice = Duration.zero
    let start = clock.now
    while state.hasPendingWork {
      let s = clock.now
      _ = update(&state, .work)
      render(state, into: &buf)
      worstSlice = max(worstSlice, clock.now - s)
      slices += 1
    }
    record("  … then \(slices) slices of work, worst slice", worstSlice)
    record("  … all slices together", clock.now - start)
  }
}

key("move down (j)", "j", repeat: 200)
key("page down", "pgdown", repeat: 50)
key("end (G)", "G")
key("home (g)", "g")
key("render only", Key("unbound"), repeat: 50)
key("column right (l)", "l")
key("open filter (/)", "/")
for (i, c) in "sid12".enumerated() {
  key("filter char \(i + 1) '\(c)' (\(state.visible.count) before)", Key.char(c))
}
key("filter backspace", .backspace)
key("filter esc (clear)", .esc)
key("filter again (/)", "/")
for c in "domain:site1" { key("filter char '\(c)'", Key.char(c)) }
key("filter esc (clear)", .esc)
key("column left (h) to Name", "h")
key("sort Name ascending ([), first time", "[")
key("sort Name descending (]), cached", "]")
key("sort Name ascending ([), cached", "[")
key("move down in sorted view (j)", "j", repeat: 100)
key("select Expires (l l l l)", "l")
key("", "l")
key("", "l")
key("", "l")
key("sort Expires ascending ([), first time", "[")
key("sort Expires descending (]), cached", "]")
key("mark (space)", "space")
key("delete 1 (d)", "d")
key("confirm delete (y)", "y")
key("undo (u)", "u")
key("purge expired (P)", "P")
key("confirm purge (y), sorted by Expires", "y")
key("undo purge (u)", "u")
key("redo purge (ctrl+r)", "ctrl+r")
key("sort Expires ascending ([), cached", "[")
key("save (w): the snapshot handed to the writer", "w")
// The quit question after a purge: its count of unsaved changes is taken as it opens.
key("quit (q): the question opens", "q")
key("render the question", Key("unbound"), repeat: 20)
key("stay (n)", "n")

print("\nMarkdown rows:")
for (what, t) in rows where !what.isEmpty { print("| \(what) | \(t.trimmingCharacters()) |") }

extension String {
  func trimmingCharacters() -> String {
    var s = Substring(self)
    while s.first == " " { s.removeFirst() }
    return String(s)
  }
}
do {
  var st = state.store
  // The benchmark ends purged: undo that, then purge again after another change.
  _ = st.undo()
  st.delete([st.handles[0]])
  let a = clock.now
  let n = st.purgeExpired(now: now)
  record("  breakdown: store.purgeExpired alone (\(n))", clock.now - a)
  let b = clock.now
  _ = st.undo()
  record("  breakdown: store.undo alone", clock.now - b)
  let b2 = clock.now
  _ = st.redo()
  record("  breakdown: store.redo alone", clock.now - b2)
  let c = clock.now
  let snapshot = st.snapshot
  record("  breakdown: store.snapshot (what w hands over)", clock.now - c)
  let c2 = clock.now
  let copied = snapshot.cookies
  record("  breakdown: snapshot.cookies (the save thread)", clock.now - c2)
  _ = copied.count
  let d = clock.now
  _ = st.savePoint
  record("  breakdown: store.savePoint", clock.now - d)
  let d2 = clock.now
  _ = st.changesSinceSave.count
  record("  breakdown: store.changesSinceSave", clock.now - d2)
  let e = clock.now
  _ = st.lineEdits(forFile: "bench.txt", withNew: true)
  record("  breakdown: store.lineEdits", clock.now - e)
  // An edit while a save still holds the snapshot: the store's cookie array is copied once.
  let held = st.snapshot
  let h = st.handles[1]
  var edited = st[h]
  edited.value = "edited during the save"
  let f = clock.now
  try! st.update(h, to: edited)
  record("  breakdown: first edit in place during a save", clock.now - f)
  let g = clock.now
  edited.value = "again"
  try! st.update(h, to: edited)
  record("  breakdown: the next edit", clock.now - g)
  _ = held.count
}
