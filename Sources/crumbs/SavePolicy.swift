import CookieCore
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A file that was loaded, as the save policy needs to know it.
struct LoadedSource {
  /// The name the user gave (`-` for standard input).
  var name: String
  var format: CookieFormat
  /// What it looked like on disk when read (nil for standard input).
  var stamp: FileStamp?
  var cookieCount: Int
}

/// The one rule for every write (CLI `-o`, `--in-place`, `purge-expired`, the inspector's
/// `w` and `W`): decides, before a byte is written, whether a resolved `SaveTarget` may be
/// written, and what the file must still look like just before it is replaced.
enum SavePolicy {
  /// Formats that are browser stores: never a write target.
  static let browserStores: Set<CookieFormat> = [.firefox, .chromium, .safari]

  /// Checks `target` against the loaded `sources`. Returns the stamp the file must still
  /// have right before it is replaced (a loaded file that someone else may change while
  /// crumbs writes), or nil. Throws a refusal when the write must not happen; a forceable
  /// refusal goes ahead when `force` (`--force`, or a "yes" to the question in the UI).
  ///
  /// - A browser store (by content, or loaded as one) is never replaced, even with force.
  /// - A loaded file (same device and inode) may be replaced in its own format, unless it
  ///   changed on disk since it was read or is read-only.
  /// - Any other existing file is replaced only with force (it is someone's data).
  /// - Devices, FIFOs and `/dev/stdout` are streamed into, never renamed over.
  static func check(
    _ target: SaveTarget, format: CookieFormat, sources: [LoadedSource], force: Bool
  ) throws(SaveRefusal) -> FileStamp? {
    guard target.kind == .file, let identity = target.identity else { return nil }
    let loaded = sources.first { $0.stamp.map(\.identity) == identity }
    if let store = browserStoreKind(target.resolvedPath, loaded: loaded) {
      throw SaveRefusal(
        target.path,
        "is a browser cookie store (\(store)); Crumbs never writes browser stores: save to a new file instead"
      )
    }
    let current = FileStamp(path: target.resolvedPath)
    if let loaded {
      if !force, let stamp = loaded.stamp, current != stamp {
        throw SaveRefusal(
          target.path, "the file changed on disk since it was read; not overwriting it", forceable: true)
      }
      if !force, loaded.format != format {
        throw SaveRefusal(
          target.path,
          "the file is the \(loaded.format.rawValue) jar that was loaded (\(loaded.cookieCount) cookies); writing \(format.rawValue) over it replaces it",
          forceable: true)
      }
      if !force, target.isReadOnly {
        throw SaveRefusal(target.path, "the file is read-only", forceable: true)
      }
      return force ? nil : loaded.stamp
    }
    if !force {
      let what = describe(target.resolvedPath)
      throw SaveRefusal(
        target.path,
        "the file already exists (\(what))\(target.isReadOnly ? " and is read-only" : "")", forceable: true)
    }
    return nil
  }

  /// The kind of browser store the file is, by its loaded format or its first bytes.
  static func browserStoreKind(_ path: String, loaded: LoadedSource?) -> String? {
    if let loaded, browserStores.contains(loaded.format) { return loaded.format.rawValue }
    guard let fh = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? fh.close() }
    let head = (try? fh.read(upToCount: 16)) ?? Data()
    if head.starts(with: Array("SQLite format 3\0".utf8)) { return "an SQLite database" }
    if head.starts(with: Array("cook".utf8)) { return "Safari binarycookies" }
    return nil
  }

  /// "netscape, 42 cookies" for an existing file, for the overwrite question. Large files
  /// are only sized, not read.
  static func describe(_ path: String) -> String {
    var st = stat()
    guard stat(path, &st) == 0 else { return "unreadable" }
    let size = Int64(st.st_size)
    if size == 0 { return "empty" }
    if size > 16 << 20 { return "\(size >> 20) MiB" }
    guard let jar = try? JarLoader.load(path, now: Instant(Date())) else {
      return "\(size) bytes, not a cookie file"
    }
    return "\(jar.format.rawValue), \(jar.cookies.count) cookie\(jar.cookies.count == 1 ? "" : "s")"
  }
}

extension FileStamp {
  var identity: FileIdentity { FileIdentity(device: device, inode: inode) }
}
