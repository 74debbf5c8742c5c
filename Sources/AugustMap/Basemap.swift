import Foundation

public struct BasemapError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The lines under the map: coasts, lakes, rivers and borders (generated from GSHHG by
/// `make basemap`, resource `basemap-gshhg.txt`) and the 1945 frontier where it differs from
/// today's (hand-curated and approximate, resource `frontier-1945.txt`).
///
/// Text format, one polyline a line (`#` starts a comment line):
/// `<layer> <level> <lon>,<lat> <lon>,<lat> …` — layer one of `Layer`'s raw values; level GSHHG's
/// (rivers: 0 double-lined, 1 major … 4 minor; other layers 0 or 1).
public struct Basemap: Sendable {
    public enum Layer: String, Sendable, CaseIterable { case coast, lake, river, border, frontier1945 }
    public struct Line: Sendable {
        public var layer: Layer
        public var points: [GeoPoint]
        /// GSHHG's level (rivers: 0–1 the largest, 4 minor); the renderer leaves minor rivers out
        /// of wide views.
        public var level: Int
        public init(layer: Layer, points: [GeoPoint], level: Int = 1) {
            self.layer = layer; self.points = points; self.level = level
        }
    }
    public var lines: [Line]

    public init(lines: [Line]) { self.lines = lines }

    public static let resourceName = "basemap-gshhg"
    public static let overlayName = "frontier-1945"

    /// `bundled()`, read once per process (the explorer redraws often; the file is read on first use).
    public static let shared: Result<Basemap, BasemapError> = {
        do { return .success(try bundled()) } catch let e as BasemapError { return .failure(e) } catch {
            return .failure(BasemapError("\(error)"))
        }
    }()

    /// The committed resource plus the 1945 overlay.
    public static func bundled() throws -> Basemap {
        var lines: [Line] = []
        for name in [resourceName, overlayName] {
            guard let url = resourceURL(name) else { throw BasemapError("basemap resource \(name).txt not found") }
            let text: String
            do { text = try String(contentsOf: url, encoding: .utf8) } catch {
                throw BasemapError("cannot read \(url.path): \(error.localizedDescription)")
            }
            lines += try parse(text).lines
        }
        return Basemap(lines: lines)
    }

    /// Where a resource is: `$AUGUST_DATA` when it holds the file, the module's resource bundle next
    /// to the executable (as SwiftPM builds it), `<exe>/../share/august/data` (make install), then
    /// the source tree (development). Nil when none has it (`Bundle.module` is not asked: its
    /// accessor traps when the bundle is missing, and a missing file must be a one-line error).
    static func resourceURL(_ name: String) -> URL? {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["AUGUST_DATA"], !env.isEmpty { candidates.append(URL(fileURLWithPath: env)) }
        let bundleName = "august_AugustMap.resources"
        var exeDirs: [URL] = [Bundle.main.bundleURL]
        if let exe = Bundle.main.executableURL { exeDirs.append(exe.resolvingSymlinksInPath().deletingLastPathComponent()) }
        for dir in exeDirs {
            candidates.append(dir.appendingPathComponent(bundleName).appendingPathComponent("Resources"))
            candidates.append(dir.appendingPathComponent(bundleName).appendingPathComponent("Contents/Resources/Resources"))
        }
        for dir in exeDirs { candidates.append(dir.deletingLastPathComponent().appendingPathComponent("share/august/data")) }
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources"))
        for dir in candidates {
            let url = dir.appendingPathComponent(name + ".txt")
            if fm.fileExists(atPath: url.path) { return url }
        }
        return nil
    }

    public static func parse(_ text: String) throws -> Basemap {
        var lines: [Line] = []
        var n = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            n += 1
            let row = raw.trimmingCharacters(in: .whitespaces)
            if row.isEmpty || row.hasPrefix("#") { continue }
            let fields = row.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 4 else { throw BasemapError("line \(n): a line needs a layer, a level and two points") }
            guard let layer = Layer(rawValue: String(fields[0])) else { throw BasemapError("line \(n): unknown layer \(fields[0])") }
            guard let level = Int(fields[1]) else { throw BasemapError("line \(n): bad level \(fields[1])") }
            var points: [GeoPoint] = []
            points.reserveCapacity(fields.count - 2)
            for f in fields.dropFirst(2) {
                let parts = f.split(separator: ",")
                guard parts.count == 2, let lon = Double(parts[0]), let lat = Double(parts[1]),
                      lon.isFinite, lat.isFinite, abs(lat) <= 90, abs(lon) <= 360 else {
                    throw BasemapError("line \(n): bad point \(f)")
                }
                points.append(GeoPoint(lat: lat, lon: lon))
            }
            lines.append(Line(layer: layer, points: points, level: level))
        }
        return Basemap(lines: lines)
    }

    /// The text format of `parse` (two decimals, as the resource).
    public func serialized() -> String {
        var out = ""
        for line in lines {
            out += "\(line.layer.rawValue) \(line.level)"
            for p in line.points { out += " " + Self.fmt(p.lon) + "," + Self.fmt(p.lat) }
            out += "\n"
        }
        return out
    }

    static func fmt(_ v: Double) -> String {
        let s = String(format: "%.2f", v)
        return s == "-0.00" ? "0.00" : s
    }
}
