import Foundation

/// How the table looks, remembered between runs (hidden columns, widths set with `<`/`>`,
/// the sort and the Expires style). `crumbs` reads and writes it as a small JSON file under
/// `$XDG_CONFIG_HOME/crumbs/`; this type only turns it into text and back.
public struct ViewSettings: Equatable, Sendable {
  public var hidden: Set<ColumnID> = ColumnID.hiddenByDefault
  public var widths: [ColumnID: Int] = [:]
  public var sort: SortOrder?
  public var timeDisplay: TimeDisplay = .both

  public init() {}

  /// The file's text: pretty JSON with its keys in a fixed order.
  public var json: String {
    var lines = ["{", "  \"version\": 1,"]
    let hiddenNames = ColumnID.allCases.filter { hidden.contains($0) }.map { "\"\($0.rawValue)\"" }
    lines.append("  \"hiddenColumns\": [\(hiddenNames.joined(separator: ", "))],")
    let widthPairs = ColumnID.allCases.compactMap { c in widths[c].map { "\"\(c.rawValue)\": \($0)" } }
    lines.append("  \"columnWidths\": {\(widthPairs.joined(separator: ", "))},")
    if let sort {
      lines.append(
        "  \"sort\": {\"column\": \"\(sort.column.rawValue)\", \"descending\": \(sort.descending)},")
    } else {
      lines.append("  \"sort\": null,")
    }
    lines.append("  \"expires\": \"\(timeDisplay.name)\"")
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  /// Reads the file's text. A file that is not what `json` writes is an error whose text
  /// says what is wrong (the caller warns and keeps the defaults); unknown keys and column
  /// names are skipped, so a newer file still loads.
  public static func parse(_ data: Data) throws(ViewSettingsError) -> ViewSettings {
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: data)
    } catch {
      throw ViewSettingsError("not valid JSON")
    }
    guard let dict = object as? [String: Any] else { throw ViewSettingsError("not a JSON object") }
    var s = ViewSettings()
    if let v = dict["hiddenColumns"] {
      guard let names = v as? [String] else {
        throw ViewSettingsError("hiddenColumns is not a list of names")
      }
      s.hidden = Set(names.compactMap(ColumnID.init(rawValue:)))
    }
    if let v = dict["columnWidths"] {
      guard let pairs = v as? [String: Any] else {
        throw ViewSettingsError("columnWidths is not an object of numbers")
      }
      for (k, w) in pairs {
        guard let n = w as? Int, n > 0, n < 1000 else {
          throw ViewSettingsError("columnWidths.\(k) is not a width (1 to 999)")
        }
        if let c = ColumnID(rawValue: k) { s.widths[c] = n }
      }
    }
    if let v = dict["sort"], !(v is NSNull) {
      guard let o = v as? [String: Any], let name = o["column"] as? String else {
        throw ViewSettingsError("sort is not {\"column\": NAME, \"descending\": true/false}")
      }
      if let c = ColumnID(rawValue: name) {
        s.sort = SortOrder(column: c, descending: (o["descending"] as? Bool) ?? false)
      }
    }
    if let v = dict["expires"] {
      guard let name = v as? String, let t = TimeDisplay.allCases.first(where: { $0.name == name }) else {
        throw ViewSettingsError("expires is not one of both, absolute, relative")
      }
      s.timeDisplay = t
    }
    return s
  }
}

/// Why a settings file was not used.
public struct ViewSettingsError: Error, CustomStringConvertible, Equatable {
  public var description: String
  init(_ d: String) { description = d }
}

extension TimeDisplay {
  /// The name the settings file uses.
  public var name: String {
    switch self {
    case .both: "both"
    case .absolute: "absolute"
    case .relative: "relative"
    }
  }
}

extension AppState {
  /// What the settings file keeps; setting it applies it (the sort through the same path as
  /// `[`, so a large jar sorts in slices).
  public var viewSettings: ViewSettings {
    get {
      var v = ViewSettings()
      v.hidden = hidden
      v.widths = columnWidths
      v.sort = sort
      v.timeDisplay = timeDisplay
      return v
    }
    set {
      hidden = newValue.hidden
      columnWidths = newValue.widths
      if timeDisplay != newValue.timeDisplay {
        timeDisplay = newValue.timeDisplay
        measureColumns()
      }
      // A file that hides every column would leave nothing to show.
      if shownColumns.isEmpty { hidden = ColumnID.hiddenByDefault }
      let shown = shownColumns
      if !shown.contains(column), let first = shown.first { column = first }
      if let order = newValue.sort, order != sort {
        let note = message
        requestSort(order)
        // A note from loading (problems reading) matters more than "Sorted by".
        if note != nil, sort == order { message = note }
      } else if newValue.sort == nil, sort != nil {
        sort = nil
        refreshRows()
      }
    }
  }
}
