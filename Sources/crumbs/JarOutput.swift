import CookieCore
import Foundation

/// Where a command writes a jar: standard output, a file, a device or over an input. Every
/// write resolves its target (`SaveTarget`), is checked by the one rule (`SavePolicy`) and
/// goes out atomically or as a stream (`AtomicFile`); refusals and errors are printed here.
enum JarOutput {
  /// A target ready to be written: resolved, checked, and what the file must still look
  /// like just before it is replaced.
  struct Checked {
    var target: SaveTarget
    var expecting: FileStamp?
    var force: Bool
  }

  /// Resolves and checks `path` (`-` or nil: standard output) for a write in `format`.
  static func check(
    _ path: String?, format: CookieFormat, sources: [LoadedSource], force: Bool
  ) throws(SaveRefusal) -> Checked {
    let target = try SaveTarget.resolve(path ?? "-")
    let expecting = try SavePolicy.check(target, format: format, sources: sources, force: force)
    return Checked(target: target, expecting: expecting, force: force)
  }

  /// Refuses a write that no loaded input could make allowed, before any input is read (a
  /// million-cookie jar takes seconds to load only to be told its output exists): a target
  /// that cannot be written at all, or an existing file that is none of `inputs` (without
  /// `force`), or a browser store. Prints the refusal and returns false; the full check
  /// still runs before the write.
  static func precheck(_ path: String?, inputs: [String], force: Bool) -> Bool {
    do {
      let target = try SaveTarget.resolve(path ?? "-")
      guard target.kind == .file, let identity = target.identity else { return true }
      let isInput = inputs.contains { $0 != "-" && (try? SaveTarget.resolve($0))?.identity == identity }
      if isInput { return true }
      // Not an input, so the format plays no part in the rule (it only matters for a file
      // that was loaded).
      _ = try SavePolicy.check(target, format: .netscape, sources: [], force: force)
      return true
    } catch {
      CLIStreams.stderr("\(error)")
      return false
    }
  }

  /// Writes whatever `produce` hands its sink to the checked target.
  static func write(
    _ checked: Checked, _ produce: (_ sink: (UnsafeRawBufferPointer) throws -> Void) throws -> Void
  ) throws {
    let target = checked.target
    switch target.kind {
    case .standardOutput:
      try produce { CLIStreams.write(fd: 1, $0) }
    case .stream where target.isStandardOutput:
      // `-o /dev/stdout`: the same rules as `-o -` (escaped on a terminal, errors counted).
      try produce { CLIStreams.write(fd: 1, $0) }
    case .stream:
      try AtomicFile.stream(to: target.resolvedPath, produce)
    case .file:
      try AtomicFile.write(
        to: target.resolvedPath, expecting: checked.expecting, force: checked.force, produce)
    }
  }

  /// Writes `cookies` with `writer` to `path` (`-` or nil: stdout), streaming: the output
  /// goes out chunk by chunk (into the temporary file of an atomic save), never whole in
  /// memory. When `inPlace` carries the file's original bytes and the edits to them, the
  /// file is saved losslessly: only the changed lines are rewritten. Returns the writer's
  /// summary, or nil after printing why nothing was written.
  static func save<W: CookieWriter>(
    _ cookies: [Cookie], with writer: W.Type, options: CookieWriteOptions, to path: String?,
    sources: [LoadedSource], force: Bool, inPlace: (original: KeptBytes, edits: LineEdits)? = nil
  ) -> CookieWriteSummary? {
    do {
      let checked = try check(path, format: writer.format, sources: sources, force: force)
      var summary: CookieWriteSummary?
      try write(checked) { sink in
        summary = try produce(
          cookies, with: writer, options: options,
          inPlace: inPlace.map { ($0.original, $0.edits, path ?? "-") },
          to: sink)
      }
      return summary
    } catch {
      CLIStreams.stderr("\(error)")
      return nil
    }
  }

  /// The one way a jar's bytes are made: the file's own bytes with only `inPlace`'s edits
  /// applied when it carries them and the writer writes lines (then the kept bytes are
  /// checked to be intact before the result may replace anything), else the writer's
  /// full output of `cookies`.
  static func produce(
    _ cookies: [Cookie], with writer: any CookieWriter.Type, options: CookieWriteOptions,
    inPlace: (original: KeptBytes, edits: LineEdits, name: String)?,
    to sink: (UnsafeRawBufferPointer) throws -> Void
  ) throws -> CookieWriteSummary {
    if let inPlace, let lines = writer as? any CookieLineWriter.Type {
      let summary = try preserving(lines, inPlace.original, inPlace.edits, options, sink)
      try inPlace.original.check(inPlace.name)
      return summary
    }
    return try writer.write(cookies, options: options, to: sink)
  }

  private static func preserving<L: CookieLineWriter>(
    _ writer: L.Type, _ original: KeptBytes, _ edits: LineEdits, _ options: CookieWriteOptions,
    _ sink: (UnsafeRawBufferPointer) throws -> Void
  ) throws -> CookieWriteSummary {
    try LinePreservingWriter.write(
      original: original.data, edits: edits, with: writer, options: options, consumed: original.release,
      to: sink)
  }
}
