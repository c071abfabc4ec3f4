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

  static func load(
    _ name: String, now: Instant, forced: CookieFormat? = nil, origin: String? = nil
  ) throws -> LoadedJar {
    let data: Data
    var stamp: FileStamp? = nil
    var path: String? = nil
    var mapping: MappedFile? = nil
    if name == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      var isDir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: name, isDirectory: &isDir) else {
        throw JarLoadError(description: "\(name): error: no such file")
      }
      if isDir.boolValue {
        throw JarLoadError(description: "\(name): error: is a directory, not a cookie file")
      }
      stamp = FileStamp(path: name)
      if let mapped = MappedFile(path: name) {
        data = mapped.data
        mapping = mapped
      } else {
        do {
          data = try Data(contentsOf: URL(fileURLWithPath: name), options: .mappedIfSafe)
        } catch {
          throw JarLoadError(description: "\(name): error: cannot read: \(error.localizedDescription)")
        }
      }
      path = name
    }
    let readers = allReaders
    let reader: any CookieReader.Type
    if let forced {
      guard let r = CookieFormats.reader(for: forced, among: readers) else {
        throw JarLoadError(description: "\(name): error: reading \(forced.rawValue) is not supported")
      }
      reader = r
    } else {
      let prefix = data.prefix(65536)
      guard let r = CookieFormats.sniff(prefix, fileName: name, among: readers) else {
        let tried = CookieFormats.names(of: readers)
        let what = data.isEmpty ? "the file is empty" : "it does not look like any cookie format"
        throw JarLoadError(
          description:
            "\(name): error: not a cookie file: \(what) (tried \(tried)); use --format NAME to force one")
      }
      reader = r
    }
    var options = CookieReadOptions(sourceName: name, now: now, origin: origin, filePath: path)
    options.consumed = mapping?.release
    do {
      let result = try reader.read(data, options: options)
      return LoadedJar(
        name: name, format: result.format, cookies: result.cookies, diagnostics: result.diagnostics,
        stamp: stamp, dialect: result.dialect)
    } catch let e as CookieFormatError {
      throw JarLoadError(description: e.description)
    }
  }
}
