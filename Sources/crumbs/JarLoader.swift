import BrowserStores
import CookieCore
import Foundation

/// One input file as loaded.
struct LoadedJar {
  var name: String
  var format: CookieFormat
  var cookies: [Cookie]
  var diagnostics: [Diagnostic]
  /// What the file looked like on disk when read (nil for stdin), to refuse saving over a
  /// file that changed since.
  var stamp: FileStamp?
  /// The writer dialect that reproduces the file (see `CookieReadResult.dialect`).
  var dialect: String? = nil
  /// The bytes as read, when the loader was asked to keep them: a save in place changes
  /// only the lines of cookies that changed (`LinePreservingWriter`). A large file's bytes
  /// stay mapped, not copied.
  var original: Data? = nil
  /// How many cookies the file held as read.
  var cookieCount = 0
}

/// A file could not be read at all.
struct JarLoadError: Error, CustomStringConvertible {
  var description: String
}

/// Reads files (or `-` for stdin) and picks the reader by content unless one is forced.
enum JarLoader {
  static var allReaders: [any CookieReader.Type] { CookieFormats.readers + BrowserStores.readers }

  static func load(_ name: String, options: InputOptions) throws -> LoadedJar {
    try load(name, now: options.clock, forced: options.forcedFormat, origin: options.origin)
  }

  /// The bytes of one input, and what the file looked like when read.
  struct Input {
    var data: Data
    var stamp: FileStamp?
    /// The real path (nil for stdin).
    var path: String?
    /// Keeps a large file's mapping alive; its pages are released as the reader passes them.
    var mapping: MappedFile?
  }

  /// Reads `name` (`-` for stdin): large files are mapped, not copied.
  static func input(_ name: String) throws -> Input {
    if name == "-" { return Input(data: FileHandle.standardInput.readDataToEndOfFile()) }
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: name, isDirectory: &isDir) else {
      throw JarLoadError(description: "\(name): error: no such file")
    }
    if isDir.boolValue {
      throw JarLoadError(description: "\(name): error: is a directory, not a cookie file")
    }
    let stamp = FileStamp(path: name)
    if let mapped = MappedFile(path: name) {
      return Input(data: mapped.data, stamp: stamp, path: name, mapping: mapped)
    }
    do {
      let data = try Data(contentsOf: URL(fileURLWithPath: name), options: .mappedIfSafe)
      return Input(data: data, stamp: stamp, path: name)
    } catch {
      throw JarLoadError(description: "\(name): error: cannot read: \(error.localizedDescription)")
    }
  }

  /// The forced reader, or the one most sure of the content; a clear error naming every
  /// format tried when none is.
  static func reader(for data: Data, name: String, forced: CookieFormat?) throws -> any CookieReader.Type {
    let readers = allReaders
    if let forced {
      guard let r = CookieFormats.reader(for: forced, among: readers) else {
        throw JarLoadError(description: "\(name): error: reading \(forced.rawValue) is not supported")
      }
      return r
    }
    guard let r = CookieFormats.sniff(data.prefix(65536), fileName: name, among: readers) else {
      let tried = CookieFormats.names(of: readers)
      let what = data.isEmpty ? "the file is empty" : "it does not look like any cookie format"
      throw JarLoadError(
        description:
          "\(name): error: not a cookie file: \(what) (tried \(tried)); use --format NAME to force one")
    }
    return r
  }

  static func load(
    _ name: String, now: Instant, forced: CookieFormat? = nil, origin: String? = nil,
    keepOriginal: Bool = false
  ) throws -> LoadedJar {
    let input = try input(name)
    let (data, stamp, path, mapping) = (input.data, input.stamp, input.path, input.mapping)
    let reader = try reader(for: data, name: name, forced: forced)
    var options = CookieReadOptions(sourceName: name, now: now, origin: origin, filePath: path)
    options.consumed = mapping?.release
    do {
      let result = try reader.read(data, options: options)
      var jar = LoadedJar(
        name: name, format: result.format, cookies: result.cookies, diagnostics: result.diagnostics,
        stamp: stamp, dialect: result.dialect)
      jar.cookieCount = result.cookies.count
      if keepOriginal && CookieFormats.writer(for: result.format) is any CookieLineWriter.Type {
        jar.original = data
      }
      return jar
    } catch let e as CookieFormatError {
      throw JarLoadError(description: e.description)
    }
  }
}
