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
  var original: KeptBytes? = nil
  /// How many cookies the file held as read.
  var cookieCount = 0
}

/// A file's bytes as read, kept for a save in place. A large file stays mapped: should
/// someone truncate it meanwhile, its pages read as zeros and `isIntact` turns false, so a
/// save checks it after using the bytes and before replacing the file.
struct KeptBytes {
  let data: Data
  let isIntact: @Sendable () -> Bool
  /// Lets the pages of a byte range go once a save has copied them (mapped files).
  var release: (@Sendable (Range<Int>) -> Void)? = nil

  /// Throws when the bytes went bad under the writer (the file was truncated in place).
  func check(_ name: String) throws {
    if !isIntact() {
      throw AtomicWriteError.truncatedWhileSaving(path: name)
    }
  }
}

/// A file could not be read at all.
struct JarLoadError: Error, CustomStringConvertible {
  var description: String
}

/// Reads files (or `-` for stdin) and picks the reader by content unless one is forced.
enum JarLoader {
  static var allReaders: [any CookieReader.Type] { CookieFormats.readers + BrowserStores.readers }

  static func load(_ name: String, options: InputOptions) throws -> LoadedJar {
    try load(
      name, now: options.clock, forced: options.forcedFormat, origin: options.origin,
      limit: options.inputSizeLimit)
  }

  /// The bytes of one input, and what the file looked like when read.
  struct Input {
    var data: Data
    var stamp: FileStamp?
    /// The real path of a regular file (nil for stdin, pipes and devices), for readers that
    /// open companion files (a database's `-wal`).
    var path: String?
    /// Keeps a large file's mapping alive; its pages are released as the reader passes them.
    var mapping: MappedFile?
    /// The open input, to check after reading that it did not change meanwhile.
    var file: InputFile?

    /// The bytes for `format`'s reader. Only the cookies.txt reader is written to cope with
    /// a mapped file changing under it (bytes that differ between two reads of them); any
    /// other reader gets a private copy, read once.
    func bytes(for format: CookieFormat) -> Data {
      guard mapping != nil, format != .netscape else { return data }
      return data.withUnsafeBytes { b in b.baseAddress.map { Data(bytes: $0, count: b.count) } ?? Data() }
    }

    /// Throws when the file was truncated or rewritten while it was read, so a result built
    /// from a mix of old bytes, new bytes and zeros is never used.
    func checkUnchanged(_ name: String) throws {
      guard let file, file.isRegularFile, !file.isStandardInput else { return }
      if mapping?.faulted() == true || file.changedSinceOpened {
        throw JarLoadError(
          description: "\(name): error: the file was truncated or rewritten while it was read; try again")
      }
    }
  }

  /// Reads `name` (`-` for stdin), opened once: a regular file whole (mapped, not copied,
  /// when large); standard input, FIFOs, devices and sockets as a stream of at most `limit`
  /// bytes. Call `checkUnchanged` on the result once it has been read.
  static func input(_ name: String, limit: Int = InputOptions.defaultInputSizeLimit) throws -> Input {
    let file = try InputFile(name)
    if file.isDirectory {
      throw JarLoadError(description: "\(name): error: is a directory, not a cookie file")
    }
    guard file.isRegularFile, !file.isStandardInput else {
      return Input(data: try file.readToEnd(limit: limit), file: file)
    }
    let stamp = FileStamp(file.status)
    let size = Int(file.status.st_size)
    if size >= MappedFile.threshold, let mapped = MappedFile(fd: file.fd, size: size) {
      return Input(data: mapped.data, stamp: stamp, path: name, mapping: mapped, file: file)
    }
    // A regular file is bounded by its size; the limit only guards one that keeps growing.
    let data = try file.readToEnd(limit: max(limit, size))
    return Input(data: data, stamp: stamp, path: name, file: file)
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
    // A copy: the input may be a mapped file changing under the sniffers (see `MappedFile`).
    let head = Data([UInt8](data.prefix(65536)))
    guard let r = CookieFormats.sniff(head, fileName: name, among: readers) else {
      let tried = CookieFormats.names(of: readers)
      let what = data.isEmpty ? "the file is empty" : "it does not look like any cookie format"
      throw JarLoadError(
        description:
          "\(name): error: not a cookie file: \(what) (tried \(tried)); use --format NAME to force one")
    }
    return r
  }

  /// The cookies on the first lines of a large cookies.txt (`bytes` of it, cut at a line
  /// end), for the inspector to show while it reads the whole file; nil for anything else
  /// (a smaller file, another format, standard input, a file it cannot read: the whole
  /// load then says why). Nothing here is kept: the whole read replaces it.
  static func preview(
    _ name: String, now: Instant, forced: CookieFormat?, minimumSize: Int = 16 << 20, bytes: Int = 128 << 10
  ) -> [Cookie]? {
    guard name != "-", forced == nil || forced == .netscape,
      let file = try? InputFile(name), file.isRegularFile, !file.isStandardInput,
      Int(file.status.st_size) >= minimumSize
    else { return nil }
    var head = [UInt8](repeating: 0, count: bytes)
    let n = head.withUnsafeMutableBytes { pread(file.fd, $0.baseAddress, bytes, 0) }
    guard n > 0, let end = head[..<n].lastIndex(of: 0x0A) else { return nil }
    let data = Data(head[...end])
    guard let r = try? reader(for: data, name: name, forced: forced), r.format == .netscape,
      let result = try? NetscapeReader.read(data, options: CookieReadOptions(sourceName: name, now: now))
    else { return nil }
    return result.cookies
  }

  static func load(
    _ name: String, now: Instant, forced: CookieFormat? = nil, origin: String? = nil,
    limit: Int = InputOptions.defaultInputSizeLimit, keepOriginal: Bool = false
  ) throws -> LoadedJar {
    let input = try input(name, limit: limit)
    let reader: any CookieReader.Type
    do {
      reader = try self.reader(for: input.data, name: name, forced: forced)
    } catch {
      // Unrecognisable because it changed while sniffed: say that instead.
      try input.checkUnchanged(name)
      throw error
    }
    var options = CookieReadOptions(sourceName: name, now: now, origin: origin, filePath: input.path)
    options.consumed = input.mapping?.release
    let result: CookieReadResult
    do {
      result = try reader.read(input.bytes(for: reader.format), options: options)
    } catch let e as CookieFormatError {
      try input.checkUnchanged(name)
      throw JarLoadError(description: e.description)
    }
    try input.checkUnchanged(name)
    var jar = LoadedJar(
      name: name, format: result.format, cookies: result.cookies, diagnostics: result.diagnostics,
      stamp: input.stamp, dialect: result.dialect)
    jar.cookieCount = result.cookies.count
    if keepOriginal && CookieFormats.writer(for: result.format) is any CookieLineWriter.Type {
      let faulted = input.mapping?.faulted
      jar.original = KeptBytes(
        data: input.data, isIntact: { faulted?() != true }, release: input.mapping?.release)
    }
    return jar
  }
}
